using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Fediversity.Providers.Proxmox;

/// <summary>
/// Tries an operation again, with growing pauses, while Proxmox refuses it because a lock is held
/// ("VM is locked") or could not be taken in time ("can't lock file ... got timeout").
/// </summary>
internal sealed class ProxmoxLockRetry
{
    private static readonly ResiliencePropertyKey<string> ActionKey = new("proxmox-action");

    private readonly ResiliencePipeline pipeline;

    public ProxmoxLockRetry(ProxmoxOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.LockRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ProxmoxApiException>(e => e.IsLockConflict),
                MaxRetryAttempts = options.LockRetries,
                Delay = options.LockRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    ProxmoxLog.LockRetry(logger, args.Context.Properties.GetValue(ActionKey, "a call"),
                        args.Outcome.Exception?.Message ?? "locked", args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        pipeline = builder.Build();
    }

    public async Task<T> RunAsync<T>(string action, Func<CancellationToken, Task<T>> operation,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ActionKey, action);
        try
        {
            return await pipeline.ExecuteAsync(async ctx => await operation(ctx.CancellationToken), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task RunAsync(string action, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RunAsync(action, async ct =>
        {
            await operation(ct);
            return true;
        }, cancellationToken);
}
