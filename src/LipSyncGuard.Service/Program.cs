using LipSyncGuard.Service;

await ServiceHost.Create(args).RunAsync().ConfigureAwait(false);

/// <summary>The entry point (public for WebApplicationFactory).</summary>
public partial class Program;
