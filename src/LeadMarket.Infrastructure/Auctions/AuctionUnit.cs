namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// What one transaction of the writer decided: the lot and buyer states it moved to, the lot writes it still owes,
/// the client bid ids it used, its events, and whether it wrote outbox rows. Becomes the cache when it commits
/// (<see cref="AuctionCache.Commit"/>), is dropped when it does not.
/// </summary>
internal sealed class AuctionUnit(bool deferLotWrites)
{
    /// <summary>Whether lot rows are written once at the end (batches) or at each decision (a single item).</summary>
    public bool DeferLotWrites { get; } = deferLotWrites;

    /// <summary>Lots decided on but not yet written, with the version their first decision read (the guard).</summary>
    public Dictionary<Guid, long> PendingLotWrites { get; } = [];

    public Dictionary<Guid, CachedLot> Lots { get; } = [];

    public Dictionary<string, CachedBuyer> Buyers { get; } = [];

    public Dictionary<ClientBidKey, Guid> ClientBidIds { get; } = [];

    public List<AuctionEvent> Events { get; } = [];

    /// <summary>Outbox rows this unit wrote; after its commit the outbox worker is woken for them.</summary>
    public int OutboxMessages { get; set; }

    /// <summary>Writes every lot this unit decided on: one guarded UPDATE per lot, whatever the number of decisions.</summary>
    public async Task WritePendingLotsAsync(AuctionStateSql sql, CancellationToken ct)
    {
        while (PendingLotWrites.Count > 0)
        {
            Guid next = default;
            foreach (var lotId in PendingLotWrites.Keys)
            {
                next = lotId;
                break;
            }

            await WritePendingLotAsync(sql, next, ct);
        }
    }

    /// <summary>Writes one lot's deferred decisions, if it has any, guarded by the version its first decision read.</summary>
    public async Task WritePendingLotAsync(AuctionStateSql sql, Guid lotId, CancellationToken ct)
    {
        if (!PendingLotWrites.Remove(lotId, out var readVersion))
        {
            return;
        }

        var lot = Lots[lotId];
        if (!await sql.UpdateLotAsync(lotId, readVersion, lot.Version, lot.State, ct))
        {
            throw new StaleLotException(lotId);
        }
    }
}

/// <summary>Another node wrote a lot after this batch read it: the batch is dropped and its items taken one by one.</summary>
internal sealed class StaleLotException(Guid lotId)
    : InvalidOperationException($"Lot {lotId} was written elsewhere after this batch read it; its items are decided again one by one.");
