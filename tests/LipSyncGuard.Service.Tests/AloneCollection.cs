using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>Tests that run after the others, with no other service host alive in the process: OpenTelemetry merges
/// the same-named instruments of every host's jobs meter into one stream and drops that stream once any of those meters
/// is disposed, so a host stopped by another test would empty this host's <c>/metrics</c>.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
