using System.CommandLine;
using LipSyncGuard.Jobs;
using LipSyncGuard.Service.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LipSyncGuard.Cli.Commands;

/// <summary>The options <c>worker</c> and <c>batch</c> share: where the jobs live, read from the environment
/// (<c>LipSync__Jobs__Broker</c>, <c>LipSync__Jobs__Database</c>, <c>LipSync__Storage__Path</c>, as the service reads
/// them) and overridden by flags.</summary>
internal sealed class JobsCommandSupport
{
    public Option<string?> Broker { get; } = new("--broker") { Description = "RabbitMQ URI (amqp://user:password@host:5672/); default: LipSync__Jobs__Broker." };

    public Option<string?> Database { get; } = new("--database") { Description = "PostgreSQL connection string; default: LipSync__Jobs__Database, else a SQLite file in the storage folder." };

    public Option<string?> Storage { get; } = new("--storage") { Description = "Shared folder for queued videos; default: LipSync__Storage__Path." };

    public Option<int?> Slots { get; } = new("--slots") { Description = "Jobs analysed at once by this process (default: LipSync__Jobs__Slots, else 1)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Broker);
        command.Options.Add(Database);
        command.Options.Add(Storage);
        command.Options.Add(Slots);
    }

    /// <summary>The job settings: environment first, flags over it.</summary>
    public JobsOptions Resolve(ParseResult parse)
    {
        var options = JobsServices.Bind(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        if (parse.GetValue(Broker) is { } broker) options.Broker = broker;
        if (parse.GetValue(Database) is { } database) options.Database = database;
        if (parse.GetValue(Storage) is { } storage) options.StoragePath = storage;
        if (parse.GetValue(Slots) is { } slots) options.Slots = slots;
        try
        {
            return options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Structured log lines on stderr, each with its job id.</summary>
    public static ILoggerFactory Loggers() => LoggerFactory.Create(builder => builder
        .AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddFilter("Microsoft", LogLevel.Warning));
}
