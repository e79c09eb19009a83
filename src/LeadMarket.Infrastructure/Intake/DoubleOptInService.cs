using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>Where a hosted double opt-in link stands.</summary>
public enum DoiLinkStatus
{
    /// <summary>Valid and not yet used: the page offers the confirmation.</summary>
    Pending,

    /// <summary>This request confirmed it: the lead is listed.</summary>
    Confirmed,

    /// <summary>Confirmed before (a second click).</summary>
    AlreadyConfirmed,

    /// <summary>Not confirmed in time; the lead will never be listed.</summary>
    Expired,

    /// <summary>No link of ours (mistyped, made up, or replaced by a newer mail).</summary>
    Unknown,
}

/// <summary>A link's state, with the language of its lead (for the page's words; null for an unknown link).</summary>
public sealed record DoiLinkAnswer(DoiLinkStatus Status, string? Language = null);

/// <summary>
/// The hosted double opt-in's link: what it stands at (the page's GET, which changes nothing: mail scanners follow
/// links) and the confirmation (the page's POST). A confirmation records the click (time, IP, user agent) in the
/// lead's evidence, lists the lead and gives it its lot at the batch's next slot, all in one transaction and
/// exactly once (the lead's write is guarded by its state and token, the batch's cursor by its version).
/// </summary>
public sealed class DoubleOptInService(
    IDbContextFactory<MarketDbContext> contexts,
    LeadProtector protector,
    RoomQueries rooms,
    IAuctionNotifier notifier,
    TimeProvider time)
{
    /// <summary>Longest IP address and user agent recorded (caller-controlled; longer ones are cut).</summary>
    public const int MaxIpLength = 64;

    public const int MaxUserAgentLength = 512;

    private const int MaxAttempts = 5;

    public async Task<DoiLinkAnswer> GetAsync(string? token, CancellationToken ct = default)
    {
        if (DoiToken.Hash(token) is not { } hash)
        {
            return new DoiLinkAnswer(DoiLinkStatus.Unknown);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.ConfirmationTokenHash == hash, ct);
        return lead is null ? new DoiLinkAnswer(DoiLinkStatus.Unknown) : Answer(lead, time.GetUtcNow());
    }

    public async Task<DoiLinkAnswer> ConfirmAsync(string? token, string? ip, string? userAgent, CancellationToken ct = default)
    {
        if (DoiToken.Hash(token) is not { } hash)
        {
            return new DoiLinkAnswer(DoiLinkStatus.Unknown);
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(ct);
            var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.ConfirmationTokenHash == hash, ct);
            if (lead is null)
            {
                return new DoiLinkAnswer(DoiLinkStatus.Unknown);
            }

            var answer = Answer(lead, now);
            if (answer.Status != DoiLinkStatus.Pending)
            {
                return answer;
            }

            var batch = await db.Batches.FirstAsync(b => b.Id == lead.BatchId, ct);
            var room = await db.Rooms.AsNoTracking().FirstAsync(r => r.Id == batch.RoomId, ct);
            var vertical = await db.Verticals.AsNoTracking().FirstAsync(v => v.Id == batch.VerticalId, ct);
            var data = protector.Unprotect(lead.ProtectedData);
            var confirmed = protector.Protect(data with
            {
                Consent = data.Consent with
                {
                    ConfirmedAt = now,
                    ConfirmedIp = Cut(ip, MaxIpLength),
                    ConfirmedUserAgent = Cut(userAgent, MaxUserAgentLength),
                    HostedDoubleOptIn = true,
                },
            });

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var listed = await db.Leads
                .Where(l => l.Id == lead.Id && l.State == LeadState.AwaitingConfirmation && l.ConfirmationTokenHash == hash && l.ConfirmationExpiresAt > now)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(l => l.State, LeadState.Listed)
                        .SetProperty(l => l.ProtectedData, confirmed)
                        .SetProperty(l => l.ConfirmationExpiresAt, (DateTimeOffset?)null)
                        .SetProperty(l => l.DoubleOptIn, true),
                    ct);
            if (listed != 1)
            {
                await transaction.RollbackAsync(ct);
                continue; // confirmed or expired meanwhile: the next round answers which
            }

            var (opensAt, nextSlotAt) = BatchSchedule.Next(batch.NextSlotAt, batch.PacingSeconds, now);
            batch.NextSlotAt = nextSlotAt;
            batch.Version++;
            var lot = LotListing.For(batch, room, vertical, lead.Id, opensAt, now);
            db.Lots.Add(lot);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await transaction.RollbackAsync(ct);
                continue; // another lead of the batch took the slot: decided again on the batch's new cursor
            }

            await transaction.CommitAsync(ct);
            if (lot.Status == Domain.Auctions.LotStatus.Open && await rooms.GetLotAsync(lot.Id, ct) is { } card)
            {
                notifier.Publish(new LotOpenedEvent(card.RoomId, card));
            }

            return answer with { Status = DoiLinkStatus.Confirmed };
        }

        throw new InvalidOperationException("The confirmation stayed contended after several attempts; please try again.");
    }

    private static DoiLinkAnswer Answer(Lead lead, DateTimeOffset now)
    {
        var status = lead.State switch
        {
            LeadState.Listed => DoiLinkStatus.AlreadyConfirmed,
            LeadState.AwaitingConfirmation when lead.ConfirmationExpiresAt > now => DoiLinkStatus.Pending,
            _ => DoiLinkStatus.Expired,
        };
        return new DoiLinkAnswer(status, lead.Language);
    }

    private static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}
