using System.Net;
using System.Net.Http.Json;
using LipSyncGuard.Analysis;
using Microsoft.Extensions.Logging;

namespace LipSyncGuard.Jobs;

/// <summary>POSTs a finished job to its <c>callback_url</c>: up to <see cref="JobWorkerOptions.CallbackAttempts"/>
/// tries, each limited to <see cref="JobWorkerOptions.CallbackTimeout"/>, with a doubling pause between them. A receiver
/// that is down for a moment still gets the job; one that stays down holds the worker's slot for a bounded time only
/// (the job is stored before, so clients can still poll it).</summary>
internal sealed class CallbackSender(HttpClient client, JobWorkerOptions options, ILogger logger)
{
    /// <summary>Delivers <paramref name="job"/> to <paramref name="url"/>; true when the receiver answered 2xx. Gives
    /// up early on an answer that a retry would not change (4xx other than 408 and 429) and on cancellation.</summary>
    public async Task<bool> SendAsync(JobView job, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await RetryAsync(job, url, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Callback for job {JobId} to {Host} abandoned: shutting down", job.Id, url.Host);
            return false;
        }
    }

    private async Task<bool> RetryAsync(JobView job, Uri url, CancellationToken cancellationToken)
    {
        var pause = options.CallbackBackoff;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.CallbackTimeout);
                using var response = await client.PostAsJsonAsync(url, job, AnalysisJson.Options, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    logger.LogInformation("Callback for job {JobId} to {Host}: {Status} (attempt {Attempt})", job.Id, url.Host, (int)response.StatusCode, attempt);
                    return true;
                }
                failure = $"HTTP {(int)response.StatusCode}";
                if (!IsTransient(response.StatusCode))
                {
                    logger.LogWarning("Callback for job {JobId} to {Host} refused: {Failure}; not retried", job.Id, url.Host, failure);
                    return false;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {options.CallbackTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            if (attempt >= options.CallbackAttempts)
            {
                logger.LogWarning("Callback for job {JobId} to {Host} failed {Attempts} times, giving up; last: {Failure}", job.Id, url.Host, attempt, failure);
                return false;
            }
            logger.LogInformation("Callback for job {JobId} to {Host} attempt {Attempt} failed ({Failure}); retrying in {Pause:0.#} s",
                job.Id, url.Host, attempt, failure, pause.TotalSeconds);
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause *= 2;
        }
    }

    /// <summary>Server errors, timeouts and throttling may pass; other client errors will not.</summary>
    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
