using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Auctions;

internal sealed record CachedLot(Guid Id, Guid RoomId, Guid LeadId, LotState State, long Version);

internal sealed record CachedBuyer(decimal CreditLimit, decimal CreditUsed, decimal Exposure)
{
    public decimal Available => new LeadMarket.Domain.Accounts.CreditLine(CreditLimit, CreditUsed, Exposure).Available;
}

internal sealed record ClientBidKey(string BuyerId, string ClientBidId);

/// <summary>
/// The writer's memory of committed state: open lots, buyers' credit, recent client bid ids. Owned by the writer's
/// thread alone (no locks). An optimisation validated by the guarded writes, never a source of truth: a decision
/// taken on a stale entry changes no row and is taken again on fresh state.
/// </summary>
internal sealed class AuctionCache(AuctionStateSql sql)
{
    private readonly Dictionary<Guid, CachedLot> lots = [];
    private readonly Dictionary<string, CachedBuyer> buyers = [];
    private readonly RecentBids recent = new(capacity: 200_000);

    /// <summary>The lot as <paramref name="unit"/> left it, else as cached (unless <paramref name="fresh"/>), else as stored.</summary>
    public async Task<CachedLot?> GetLotAsync(AuctionUnit unit, Guid lotId, bool fresh, CancellationToken ct)
    {
        if (unit.Lots.TryGetValue(lotId, out var pending))
        {
            return pending;
        }

        if (!fresh && lots.TryGetValue(lotId, out var cached))
        {
            return cached;
        }

        var loaded = await sql.LoadLotAsync(lotId, ct);
        if (loaded is null)
        {
            lots.Remove(lotId);
        }
        else if (loaded.State.Status == LotStatus.Open)
        {
            lots[lotId] = loaded;
        }

        return loaded;
    }

    /// <summary>The buyer as <paramref name="unit"/> left them, else as cached, else as stored; <paramref name="fresh"/> reads the row.</summary>
    public async Task<CachedBuyer?> GetBuyerAsync(AuctionUnit unit, string buyerId, bool fresh, CancellationToken ct)
    {
        if (unit.Buyers.TryGetValue(buyerId, out var pending) && !fresh)
        {
            return pending;
        }

        if (!fresh && buyers.TryGetValue(buyerId, out var cached))
        {
            return cached;
        }

        var loaded = await sql.LoadBuyerAsync(buyerId, ct);
        if (loaded is null)
        {
            buyers.Remove(buyerId);
            unit.Buyers.Remove(buyerId);
        }
        else
        {
            buyers[buyerId] = loaded;
            if (unit.Buyers.ContainsKey(buyerId))
            {
                unit.Buyers[buyerId] = loaded;
            }
        }

        return loaded;
    }

    /// <summary>The lot an earlier bid with this client bid id went to, if this node remembers it.</summary>
    public bool TryGetClientBid(ClientBidKey key, out Guid lotId) => recent.TryGet(key, out lotId);

    public void ForgetBuyer(string buyerId) => buyers.Remove(buyerId);

    /// <summary>After a reconnect: the guarded writes would catch stale state anyway, but nothing cached is trusted.</summary>
    public void Clear()
    {
        lots.Clear();
        buyers.Clear();
    }

    /// <summary>The unit committed: its state becomes the cache.</summary>
    public void Commit(AuctionUnit unit)
    {
        foreach (var (id, lot) in unit.Lots)
        {
            if (lot.State.Status == LotStatus.Open)
            {
                lots[id] = lot;
            }
            else
            {
                lots.Remove(id);
            }
        }

        foreach (var (id, buyer) in unit.Buyers)
        {
            buyers[id] = buyer;
        }

        foreach (var (key, lotId) in unit.ClientBidIds)
        {
            recent.Remember(key, lotId);
        }
    }

    /// <summary>Nothing of the unit was written: every cached row it touched is dropped, it may be half-known.</summary>
    public void Drop(AuctionUnit unit)
    {
        foreach (var id in unit.Lots.Keys)
        {
            lots.Remove(id);
        }

        foreach (var id in unit.Buyers.Keys)
        {
            buyers.Remove(id);
        }
    }

    /// <summary>A bounded memory of recent client bid ids, so a retry is usually answered without a query.</summary>
    private sealed class RecentBids(int capacity)
    {
        private readonly Dictionary<ClientBidKey, Guid> map = [];
        private readonly Queue<ClientBidKey> order = new();

        public bool TryGet(ClientBidKey key, out Guid lotId) => map.TryGetValue(key, out lotId);

        public void Remember(ClientBidKey key, Guid lotId)
        {
            if (map.TryAdd(key, lotId))
            {
                order.Enqueue(key);
                if (order.Count > capacity)
                {
                    map.Remove(order.Dequeue());
                }
            }
        }
    }
}
