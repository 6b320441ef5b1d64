// The speed tests measure CPU time of this process: tests running side by side would add theirs.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
