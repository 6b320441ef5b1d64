using System.Collections.Concurrent;
using LipSyncGuard.Jobs.Queue;
using Xunit;

namespace LipSyncGuard.Jobs.Tests.Queue;

public sealed class InProcessJobQueueTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task ConsumeAsync_ReleasedJob_RedeliveredFlagged()
    {
        await using var queue = new InProcessJobQueue();
        await queue.PublishAsync(Id);
        var seen = new ConcurrentQueue<JobDelivery>();
        using var stop = new CancellationTokenSource();
        var consuming = queue.ConsumeAsync(1, (d, _) =>
        {
            seen.Enqueue(d);
            if (seen.Count == 2) stop.Cancel();
            return Task.FromResult(seen.Count == 1 ? JobOutcome.Release : JobOutcome.Done);
        }, stop.Token);
        await consuming.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([false, true], seen.Select(d => d.Redelivered));
        Assert.Equal(new QueueCounts(0, 0), await queue.CountAsync());
    }

    [Fact]
    public async Task ConsumeAsync_DeadLetter_ParkedNotRetried()
    {
        await using var queue = new InProcessJobQueue();
        await queue.PublishAsync(Id);
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var consuming = queue.ConsumeAsync(2, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(JobOutcome.DeadLetter);
        }, stop.Token);
        while ((await queue.CountAsync()).DeadLettered == 0) await Task.Delay(10);
        await Task.Delay(100);
        await stop.CancelAsync();
        await consuming;
        Assert.Equal(1, calls);
        Assert.Equal([Id], queue.DeadLettered);
    }

    [Fact]
    public async Task ConsumeAsync_ShutdownDuringHandler_JobReleasedForTheNextConsumer()
    {
        await using var queue = new InProcessJobQueue();
        await queue.PublishAsync(Id);
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var consuming = queue.ConsumeAsync(1, async (_, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                // The worker's answer to shutdown.
            }
            return JobOutcome.Release;
        }, stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await consuming.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, (await queue.CountAsync()).Ready);
    }
}
