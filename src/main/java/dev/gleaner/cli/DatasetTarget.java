package dev.gleaner.cli;

import dev.gleaner.client.ApiClient;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.Knowledgebases;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The dataset a command acts on, and where to look for it (every knowledgebase when {@code --kb} is absent). */
final class DatasetTarget {
    @Mixin
    @SuppressWarnings("NullAway.Init")
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset id, as 'datasets list' shows it.")
    @SuppressWarnings("NullAway.Init")
    String datasetId;

    @Option(names = "--kb", description = "Knowledgebase id or name holding the dataset (default: search them all).")
    @Nullable
    String kb;

    @Option(names = "--project", description = "Project id (proj_…) or name.")
    @Nullable
    String project;

    /** The dataset's path on the server ({@code …/datasets/{id}}), found through its knowledgebase. */
    String path(ApiClient api, PrintWriter err) {
        KbRef holder = new Knowledgebases(api, err).holdingDataset(project, kb, datasetId);
        return holder.path() + "/datasets/" + ApiClient.encode(datasetId);
    }
}
