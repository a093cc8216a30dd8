package dev.gleaner.cli;

import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.KbRef;
import java.io.PrintWriter;

/**
 * What a command that started a job prints (on stderr), then the following of it; detached, it prints only the job id
 * on stdout, for scripts.
 */
final class Started {
    private Started() {}

    static int report(
            ApiClient api,
            KbRef kb,
            String jobId,
            String what,
            FollowOptions follow,
            PrintWriter out,
            PrintWriter err) {
        err.println("Started job " + jobId + " (" + what + ") in knowledgebase " + kb.name() + " (" + kb.id() + ").");
        if (follow.detach) {
            err.println("Follow it with: " + follow.program() + " jobs --watch --kb " + kb.id());
            err.flush();
            out.println(jobId);
            out.flush();
            return ExitCodes.OK;
        }
        err.flush();
        return follow.follow(api, kb, jobId, out, err);
    }
}
