using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Outbox;

/// <summary>
/// The first outbox handler: a settled purchase becomes readable. Idempotent by a guarded write (the purchase is
/// unlocked only where it is still locked), so a message handed out twice unlocks once and announces once.
/// </summary>
public sealed class UnlockPurchaseHandler(IDbContextFactory<MarketDbContext> contexts, LeadUnlockNotifier notifier, TimeProvider time) : IOutboxHandler
{
    public string Type => PurchaseSettled.Type;

    public async Task HandleAsync(OutboxEnvelope message, CancellationToken ct)
    {
        var settled = PurchaseSettled.Read(message.Payload);
        DateTimeOffset? now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var unlocked = await db.Purchases
            .Where(p => p.Id == settled.PurchaseId && p.UnlockedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UnlockedAt, now), ct);
        if (unlocked == 1)
        {
            notifier.Publish(new LeadUnlockedEvent(settled.BuyerId, settled.LeadId, settled.LotId, settled.PurchaseId, now.Value));
        }
    }
}
