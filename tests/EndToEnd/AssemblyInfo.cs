// Each test class starts a whole server (Kestrel, Hangfire, emulator) in this process. Hangfire keeps some state
// in statics (JobStorage.Current), so two servers alive at once interfere; run one collection at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
