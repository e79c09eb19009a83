using System.Collections.Concurrent;
using LeadMarket.Infrastructure.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace LeadMarket.Web.Security;

/// <summary>
/// Ends the hub connections of a revoked API key. A key is checked once, when a connection is made; this guard keeps
/// the connections each key opened on this node and closes them when the key is revoked: at once when the revocation
/// is made on this node (<see cref="ApiKeyService.Revoked"/>), within <see cref="SweepInterval"/> (plus one query)
/// when another node made it, by asking the shared database which of the connected keys are revoked. Every hub call
/// of a revoked key's connection is refused before it runs, with no await, so pipelined bids keep their order.
/// </summary>
public sealed class ApiKeyHubGuard : BackgroundService, IHubFilter
{
    /// <summary>How long a revocation made on another node may take to end this node's connections (plus one query).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    private static readonly object KeyIdItem = new();

    private readonly ApiKeyService keys;
    private readonly ILogger<ApiKeyHubGuard> log;
    private readonly Lock gate = new();

    /// <summary>Per key, its open connections on this node. Guarded by <see cref="gate"/>.</summary>
    private readonly Dictionary<Guid, HashSet<HubCallerContext>> connections = [];

    /// <summary>Revoked keys that still had connections here; read lock-free on every call.</summary>
    private readonly ConcurrentDictionary<Guid, bool> revoked = new();

    public ApiKeyHubGuard(ApiKeyService keys, ILogger<ApiKeyHubGuard> log)
    {
        this.keys = keys;
        this.log = log;
        keys.Revoked += End;
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        if (context.Items.TryGetValue(KeyIdItem, out var item) && item is Guid keyId && revoked.ContainsKey(keyId))
        {
            context.Abort();
            throw new HubException("The API key has been revoked.");
        }

        return next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (ApiKeyAuthenticationHandler.KeyIdOf(context.Context.User) is { } keyId)
        {
            context.Context.Items[KeyIdItem] = keyId;
            lock (gate)
            {
                if (!connections.TryGetValue(keyId, out var open))
                {
                    connections[keyId] = open = [];
                }

                open.Add(context.Context);
            }

            if (revoked.ContainsKey(keyId))
            {
                context.Context.Abort();
            }
        }

        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(KeyIdItem, out var item) && item is Guid keyId)
        {
            lock (gate)
            {
                if (connections.TryGetValue(keyId, out var open) && open.Remove(context.Context) && open.Count == 0)
                {
                    connections.Remove(keyId);
                    revoked.TryRemove(keyId, out _);
                }
            }
        }

        return next(context, exception);
    }

    public override void Dispose()
    {
        keys.Revoked -= End;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the market's clock: this bounds how long a revoked key keeps access, whatever the market's time.
        using var timer = new PeriodicTimer(SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Guid[] connected;
            lock (gate)
            {
                connected = [.. connections.Keys.Where(k => !revoked.ContainsKey(k))];
            }

            if (connected.Length == 0)
            {
                continue;
            }

            try
            {
                foreach (var keyId in await keys.RevokedAmongAsync(connected, stoppingToken))
                {
                    End(keyId);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Checking the connected API keys for revocations failed; trying again in {Interval}.", SweepInterval);
            }
        }
    }

    /// <summary>Marks the key revoked and closes its connections on this node.</summary>
    private void End(Guid keyId)
    {
        HubCallerContext[] open;
        lock (gate)
        {
            if (!connections.TryGetValue(keyId, out var set))
            {
                return;
            }

            revoked[keyId] = true;
            open = [.. set];
        }

        foreach (var connection in open)
        {
            connection.Abort();
        }
    }
}
