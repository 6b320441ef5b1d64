using System.Net;
using System.Text.Json;
using LipSyncGuard.Analysis;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LipSyncGuard.Jobs.Tests;

/// <summary>Callback delivery against a real HTTP listener on loopback that fails the first tries.</summary>
public sealed class CallbackSenderTests
{
    private static readonly JobWorkerOptions QuickRetries = JobWorkerOptions.Default with { CallbackBackoff = TimeSpan.FromMilliseconds(20) };

    private static readonly JobView Job = JobView.From(JobRecord.New(new JobRequest("clip.mp4", AnalysisOptions.Default), DateTimeOffset.UtcNow));

    private static async Task<bool> SendAsync(CallbackReceiver receiver, JobWorkerOptions options, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient();
        return await new CallbackSender(client, options, NullLogger.Instance).SendAsync(Job, receiver.Url, cancellationToken);
    }

    [Fact]
    public async Task SendAsync_ReceiverFailsTwiceThenAccepts_DeliversOnTheThirdTry()
    {
        using var receiver = new CallbackReceiver(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway);
        Assert.True(await SendAsync(receiver, QuickRetries));
        Assert.Equal(3, receiver.Bodies.Count);
        Assert.All(receiver.Bodies, body => Assert.Equal(Job.Id, JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task SendAsync_ReceiverKeepsFailing_GivesUpAfterTheConfiguredTries()
    {
        using var receiver = new CallbackReceiver([.. Enumerable.Repeat(HttpStatusCode.InternalServerError, 10)]);
        Assert.False(await SendAsync(receiver, QuickRetries with { CallbackAttempts = 4 }));
        Assert.Equal(4, receiver.Bodies.Count);
    }

    [Fact]
    public async Task SendAsync_ClientError_IsNotRetried()
    {
        using var receiver = new CallbackReceiver(HttpStatusCode.NotFound);
        Assert.False(await SendAsync(receiver, QuickRetries));
        Assert.Single(receiver.Bodies);
    }

    [Fact]
    public async Task SendAsync_CancelledDuringThePause_StopsAtOnce()
    {
        using var receiver = new CallbackReceiver(HttpStatusCode.ServiceUnavailable);
        using var shutdown = new CancellationTokenSource();
        var sending = SendAsync(receiver, QuickRetries with { CallbackBackoff = TimeSpan.FromSeconds(30) }, shutdown.Token);
        while (receiver.Bodies.IsEmpty) await Task.Delay(10);
        await shutdown.CancelAsync();
        // Well inside the 30 s pause it would otherwise wait out.
        Assert.False(await sending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(receiver.Bodies);
    }
}
