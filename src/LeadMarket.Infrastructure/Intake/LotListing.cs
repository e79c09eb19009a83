using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>The lot an accepted lead is listed as, on its batch's terms, in its batch's room.</summary>
public static class LotListing
{
    /// <summary>A new lot opening at <paramref name="opensAt"/>: open now, or scheduled until then.</summary>
    public static Lot For(LeadBatch batch, Room room, Vertical vertical, Guid leadId, DateTimeOffset opensAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(vertical);
        return new Lot
        {
            RoomId = room.Id,
            LeadId = leadId,
            BatchId = batch.Id,
            PublisherId = batch.PublisherId,
            SaleMode = batch.SaleMode,
            Shares = batch.Shares,
            ReservePrice = batch.ReservePrice,
            Increment = vertical.MinimumIncrement,
            AntiSnipingSeconds = room.AntiSnipingSeconds,
            OpenedAt = opensAt,
            EndsAt = opensAt.AddSeconds(batch.DurationSeconds),
            Status = opensAt > now ? LotStatus.Scheduled : LotStatus.Open,
        };
    }
}
