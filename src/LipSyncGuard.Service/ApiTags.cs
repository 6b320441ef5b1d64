namespace LipSyncGuard.Service;

/// <summary>Tag names in the OpenAPI document (what the reference page and generated clients group by).</summary>
public static class ApiTags
{
    /// <summary>Video analysis.</summary>
    public const string LipSync = "lip-sync";

    /// <summary>The model in use.</summary>
    public const string Model = "model";

    /// <summary>Asynchronous jobs.</summary>
    public const string Jobs = "jobs";

    /// <summary>Liveness and readiness.</summary>
    public const string Health = "health";
}
