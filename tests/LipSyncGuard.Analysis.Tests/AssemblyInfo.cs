// The cancellation test looks for ffmpeg children of this process; analyses running side by side would see each other's.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
