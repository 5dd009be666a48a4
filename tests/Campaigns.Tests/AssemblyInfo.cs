// Hangfire keeps job filters in a process-wide collection; tests that add one must not overlap with others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
