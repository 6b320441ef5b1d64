// DisposeScope statistics are per thread but the leak checks reset them; one test at a time keeps them exact.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
