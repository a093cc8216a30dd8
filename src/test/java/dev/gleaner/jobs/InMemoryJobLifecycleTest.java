package dev.gleaner.jobs;

/** The job lifecycle contract on the in-memory test double. */
class InMemoryJobLifecycleTest extends JobLifecycleContract {
    @Override
    protected JobLifecycleSubject open() {
        InMemoryJobs stores = new InMemoryJobs();
        stores.own("proj_1", "owner_1");
        return new JobLifecycleSubject(stores, stores, "owner_1", "proj_1", "kb_1");
    }
}
