using LipSyncGuard.Testing.Services;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "servers";
}
