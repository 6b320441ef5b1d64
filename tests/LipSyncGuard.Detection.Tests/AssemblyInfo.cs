// DisposeScope statistics are per thread and torch's RNG is global: one test at a time keeps both exact.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
