using LipSyncGuard.Testing.Services;
using Xunit;

namespace LipSyncGuard.Jobs.Tests;

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "servers";
}
