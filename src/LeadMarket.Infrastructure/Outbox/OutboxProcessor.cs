using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadMarket.Infrastructure.Outbox;

/// <summary>
/// Claims due outbox rows of the types this node handles and hands each to its handler. The claim is a guarded
/// write (<c>UPDATE … SET "ClaimedBy" = @node, "ClaimedUntil" = @now + lease WHERE "Id" = @id AND "CompletedAt" IS
/// NULL AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" &lt; @now)</c>): of two nodes racing for a row one changes it
/// and the other changes nothing, and a stopped node's claim lapses after the lease. Completion and failure are
/// written only while the claim is still this node's. A node only claims types it has a handler for, so a node of
/// an older version leaves a newer type to the nodes that know it.
/// </summary>
public sealed partial class OutboxProcessor
{
    private readonly IDbContextFactory<MarketDbContext> contexts;
    private readonly Dictionary<string, IOutboxHandler> handlers = new(StringComparer.Ordinal);
    private readonly string[] types;
    private readonly TimeProvider time;
    private readonly OutboxOptions options;
    private readonly ILogger logger;

    public OutboxProcessor(IDbContextFactory<MarketDbContext> contexts, IEnumerable<IOutboxHandler> handlers, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxProcessor> logger)
        : this(contexts, handlers, time, options.Value, logger, DefaultNode())
    {
    }

    internal OutboxProcessor(IDbContextFactory<MarketDbContext> contexts, IEnumerable<IOutboxHandler> handlers, TimeProvider time, OutboxOptions options, ILogger logger, string node)
    {
        this.contexts = contexts;
        this.time = time;
        this.options = options;
        this.logger = logger;
        Node = node.Length <= OutboxMessage.MaxNodeLength ? node : node[..OutboxMessage.MaxNodeLength];
        foreach (var handler in handlers)
        {
            if (!this.handlers.TryAdd(handler.Type, handler))
            {
                throw new InvalidOperationException($"Two outbox handlers take messages of type '{handler.Type}'; each type has one.");
            }
        }

        types = [.. this.handlers.Keys];
    }

    /// <summary>This node's name in <see cref="OutboxMessage.ClaimedBy"/>: host, process and a random part, unique per processor.</summary>
    public string Node { get; }

    /// <summary>Claims and handles rows until none is due for this node; returns how many this call handled and completed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        if (types.Length == 0)
        {
            return 0;
        }

        var completed = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            List<Candidate> due;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                due = await db.OutboxMessages.AsNoTracking()
                    .Where(m => m.CompletedAt == null && m.AvailableAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now) && types.Contains(m.Type))
                    .OrderBy(m => m.AvailableAt)
                    .Take(options.BatchSize)
                    .Select(m => new Candidate(m.Id, m.Type, m.Payload, m.Attempts))
                    .ToListAsync(ct);
            }

            var claimedAny = false;
            foreach (var candidate in due)
            {
                if (!await ClaimAsync(candidate.Id, ct))
                {
                    continue; // another node was first
                }

                claimedAny = true;
                if (await HandleAsync(candidate, ct))
                {
                    completed++;
                }
            }

            if (!claimedAny)
            {
                return completed;
            }
        }
    }

    private async Task<bool> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? until = now + options.Lease;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.CompletedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, Node).SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        return claimed == 1;
    }

    private async Task<bool> HandleAsync(Candidate candidate, CancellationToken ct)
    {
        var attempt = candidate.Attempts + 1;
        try
        {
            await handlers[candidate.Type].HandleAsync(new OutboxEnvelope(candidate.Id, candidate.Type, candidate.Payload, attempt), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The node is stopping: the claim is left to lapse, and the row is handled again after the lease.
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, candidate.Type, candidate.Id, attempt);
            await FailAsync(candidate.Id, attempt, ex);
            return false;
        }

        // False when the claim lapsed meanwhile and another node took the row: that node completes it.
        return await CompleteAsync(candidate.Id);
    }

    // Written whatever the stopping token says: the handler's work is done (or failed) and this only records it.
    private async Task<bool> CompleteAsync(Guid id)
    {
        DateTimeOffset? now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        return 1 == await db.OutboxMessages
            .Where(m => m.Id == id && m.ClaimedBy == Node && m.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CompletedAt, now).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
    }

    private async Task FailAsync(Guid id, int attempt, Exception ex)
    {
        var now = time.GetUtcNow();
        var retryAt = now + Backoff(attempt);
        var error = Describe(ex);
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.OutboxMessages
            .Where(m => m.Id == id && m.ClaimedBy == Node && m.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AvailableAt, retryAt).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, error), CancellationToken.None);
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: <see cref="OutboxOptions.RetryDelay"/>, doubled per attempt, capped.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var delay = options.RetryDelay;
        for (var i = 1; i < attempt && delay < options.MaxRetryDelay; i++)
        {
            delay *= 2;
        }

        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= OutboxMessage.MaxErrorLength ? text : text[..OutboxMessage.MaxErrorLength];
    }

    private static string DefaultNode()
    {
        var host = Environment.MachineName;
        return $"{(host.Length <= 100 ? host : host[..100])}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} of type {MessageType} failed (attempt {Attempt}); it is retried after a backoff")]
    private partial void LogHandlerFailed(Exception ex, string messageType, Guid messageId, int attempt);

    private sealed record Candidate(Guid Id, string Type, string Payload, int Attempts);
}
