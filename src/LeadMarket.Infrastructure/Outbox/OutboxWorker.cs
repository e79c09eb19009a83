using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadMarket.Infrastructure.Outbox;

/// <summary>
/// This node's outbox worker: a pass of <see cref="OutboxProcessor"/> at start (rows left by a stopped node), after
/// every <see cref="OutboxSignal.Notify"/> from this node's writer, and every <see cref="OutboxOptions.PollInterval"/>
/// (other nodes' rows, lapsed claims, retries that came due).
/// </summary>
public sealed partial class OutboxWorker(OutboxProcessor processor, OutboxSignal signal, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the first pass does not hold up the host's start
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processor.ProcessDueAsync(stoppingToken);
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(ex);
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed; the next one tries again")]
    private partial void LogPassFailed(Exception ex);
}
