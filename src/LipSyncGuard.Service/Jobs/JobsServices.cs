using LipSyncGuard.Jobs;

namespace LipSyncGuard.Service.Jobs;

/// <summary>Registers the jobs backend (bound from <c>LipSync:Jobs</c> and <c>LipSync:Storage:Path</c>), its metrics and
/// <see cref="JobsHost"/>.</summary>
public static class JobsServices
{
    /// <summary>Adds the jobs services.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton(provider => new JobBackend(Bind(provider.GetRequiredService<IConfiguration>()), $"lipsync-service:{Environment.ProcessId}",
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<JobMetrics>();
        services.AddHostedService<JobsHost>();
        return services;
    }

    /// <summary>The job settings in <paramref name="configuration"/> (shared with <c>lipsync worker</c> and <c>batch</c>).</summary>
    public static JobsOptions Bind(IConfiguration configuration)
    {
        var options = new JobsOptions();
        configuration.GetSection(JobsOptions.Section).Bind(options);
        options.StoragePath ??= configuration[JobsOptions.StoragePathKey];
        return options.Validate();
    }
}
