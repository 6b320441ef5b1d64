using Xunit;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>Tests that share one corpus and one running service; they run one after another so each can assert the
/// service left nothing behind.</summary>
[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusFixture>
{
    public const string Name = "corpus";
}
