// The leak checks look for ffmpeg children of this process; tests running side by side would see each other's.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
