using Xunit;

namespace LipSyncGuard.Cli.Tests;

/// <summary>Binds the tests that share the preprocessed AVLips cache (preprocessed once per test run).</summary>
[CollectionDefinition(AvLipsCacheFixture.Collection)]
public sealed class AvLipsCacheCollection : ICollectionFixture<AvLipsCacheFixture>;
