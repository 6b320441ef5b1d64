using System.Collections.Concurrent;
using LipSyncGuard.Jobs.Queue;
using LipSyncGuard.Testing.Services;
using Xunit;

namespace LipSyncGuard.Jobs.Tests.Queue;

[Collection(ServersCollection.Name)]
public sealed class RabbitMqJobQueueTests(ServersFixture servers)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string NewId() => Guid.NewGuid().ToString("N");

    [SkippableFact]
    public async Task ConsumeAsync_ReleaseThenDone_RedeliveredOnceThenAcknowledged()
    {
        var rabbit = await servers.RabbitAsync();
        var vhost = await rabbit.NewVirtualHostAsync();
        await using var queue = new RabbitMqJobQueue(vhost, "test");
        var id = NewId();
        await queue.PublishAsync(id);
        var seen = new ConcurrentQueue<JobDelivery>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(2, (d, _) =>
        {
            seen.Enqueue(d);
            return Task.FromResult(seen.Count == 1 ? JobOutcome.Release : JobOutcome.Done);
        }, stop.Token);
        await Until(() => seen.Count >= 2);
        await stop.CancelAsync();
        await consuming;
        Assert.Equal([(id, false), (id, true)], seen.Select(d => (d.JobId, d.Redelivered)));
        Assert.Equal(new QueueCounts(0, 0), await queue.CountAsync());
        Assert.Equal(0, await rabbit.CountMessagesAsync(vhost, RabbitMqJobQueue.WorkQueue));
    }

    [SkippableFact]
    public async Task ConsumeAsync_DeadLetter_ParkedInDeadLetterQueue()
    {
        var rabbit = await servers.RabbitAsync();
        var vhost = await rabbit.NewVirtualHostAsync();
        await using var queue = new RabbitMqJobQueue(vhost, "test");
        await queue.PublishAsync(NewId());
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var consuming = queue.ConsumeAsync(1, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(JobOutcome.DeadLetter);
        }, stop.Token);
        await Until(async () => (await queue.CountAsync()).DeadLettered == 1);
        await stop.CancelAsync();
        await consuming;
        Assert.Equal(1, calls);
        Assert.Equal(1, await rabbit.CountMessagesAsync(vhost, RabbitMqJobQueue.DeadLetterQueue));
        Assert.Equal(0, await rabbit.CountMessagesAsync(vhost, RabbitMqJobQueue.WorkQueue));
    }

    [SkippableFact]
    public async Task ConsumeAsync_BrokerRestarted_ReconnectsAndLosesNoJob()
    {
        var rabbit = await servers.RabbitAsync();
        var vhost = await rabbit.NewVirtualHostAsync();
        await using var queue = new RabbitMqJobQueue(vhost, "test");
        var done = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(1, (d, _) =>
        {
            done.AddOrUpdate(d.JobId, 1, (_, n) => n + 1);
            return Task.FromResult(JobOutcome.Done);
        }, stop.Token);
        string[] before = [NewId(), NewId()];
        foreach (var id in before) await queue.PublishAsync(id);
        await Until(() => before.All(done.ContainsKey));

        await rabbit.StopAsync();
        await Assert.ThrowsAsync<JobsUnavailableException>(() => queue.PublishAsync(NewId()));
        await rabbit.StartAgainAsync();

        string[] after = [NewId(), NewId(), NewId()];
        foreach (var id in after) await PublishWhenBackAsync(queue, id);
        await Until(() => after.All(done.ContainsKey));
        await stop.CancelAsync();
        await consuming;
        Assert.All(before.Concat(after), id => Assert.Equal(1, done[id]));
        Assert.Equal(0, (await queue.CountAsync()).Ready);
    }

    private static async Task PublishWhenBackAsync(RabbitMqJobQueue queue, string id)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await queue.PublishAsync(id);
                return;
            }
            catch (JobsUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50);
        }
    }
}
