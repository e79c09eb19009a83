using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Leads;

/// <summary>The terms a publisher lists a batch under.</summary>
public sealed record BatchTerms(string Name, Guid RoomId, SaleMode SaleMode, int Shares, decimal ReservePrice, int DurationSeconds);

public sealed record ListingResult(Guid? BatchId, IReadOnlyList<FieldError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Lists a publisher's leads as lots in a room: all of a batch, or nothing of it.</summary>
public sealed class ListingService(IDbContextFactory<MarketDbContext> contexts, LeadProtector protector, IAuctionNotifier notifier, TimeProvider time)
{
    public const int MinDurationSeconds = 30;
    public const int MaxDurationSeconds = 7 * 24 * 3600;

    public async Task<ListingResult> ListAsync(string publisherId, BatchTerms terms, IReadOnlyList<LeadInput> leads, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(terms.Name) || terms.Name.Length > 200)
        {
            errors.Add(new FieldError(0, "name", "Give the batch a name of at most 200 characters."));
        }

        if (terms.SaleMode == SaleMode.Exclusive && terms.Shares != 1)
        {
            errors.Add(new FieldError(0, "shares", "An exclusive lot has exactly one share."));
        }

        if (terms.Shares is < 1 or > 10)
        {
            errors.Add(new FieldError(0, "shares", "Shares must be between 1 and 10."));
        }

        if (terms.ReservePrice <= 0 || terms.ReservePrice > BidService.MaximumAmount || decimal.Round(terms.ReservePrice, 2) != terms.ReservePrice)
        {
            errors.Add(new FieldError(0, "reservePrice", "The reserve price must be a positive amount with at most two decimals."));
        }

        if (terms.DurationSeconds is < MinDurationSeconds or > MaxDurationSeconds)
        {
            errors.Add(new FieldError(0, "durationSeconds", $"The duration must be between {MinDurationSeconds} seconds and 7 days."));
        }

        if (leads.Count == 0)
        {
            errors.Add(new FieldError(0, "leads", "A batch needs at least one lead."));
        }

        for (var i = 0; i < leads.Count; i++)
        {
            errors.AddRange(LeadValidator.Validate(leads[i], i + 1));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var room = await db.Rooms.AsNoTracking().Include(r => r.Vertical).FirstOrDefaultAsync(r => r.Id == terms.RoomId && r.IsActive, ct);
        if (room?.Vertical is null)
        {
            errors.Add(new FieldError(0, "roomId", "There is no open room with this id."));
        }

        if (errors.Count > 0 || room?.Vertical is null)
        {
            return new ListingResult(null, errors);
        }

        var now = time.GetUtcNow();
        var batch = new LeadBatch
        {
            PublisherId = publisherId,
            VerticalId = room.VerticalId,
            RoomId = room.Id,
            Name = terms.Name.Trim(),
            SaleMode = terms.SaleMode,
            Shares = terms.Shares,
            ReservePrice = terms.ReservePrice,
            DurationSeconds = terms.DurationSeconds,
            LeadCount = leads.Count,
            CreatedAt = now,
        };
        db.Batches.Add(batch);

        var lots = new List<Lot>(leads.Count);
        foreach (var input in leads)
        {
            var contact = new LeadContact(input.FirstName, input.LastName, input.Email, input.Phone, input.Street, input.PostalCode, input.City, input.Country);
            var score = LeadScore.For(contact, input.Consent, input.Need);
            var lead = new Lead
            {
                BatchId = batch.Id,
                PublisherId = publisherId,
                VerticalId = room.VerticalId,
                Country = input.Country,
                PostalArea = PostalArea.From(input.Country, input.PostalCode),
                Language = input.Language,
                Need = input.Need,
                Score = score.Value,
                ScoreFactors = string.Join(';', score.Factors.Select(f => $"{f.Name}:{f.Points}/{f.MaxPoints}")),
                DoubleOptIn = input.Consent.IsDoubleOptIn,
                CreatedAt = now,
                ProtectedData = protector.Protect(new LeadPrivateData(contact, input.Consent)),
            };
            db.Leads.Add(lead);
            var lot = new Lot
            {
                RoomId = room.Id,
                LeadId = lead.Id,
                BatchId = batch.Id,
                PublisherId = publisherId,
                SaleMode = terms.SaleMode,
                Shares = terms.Shares,
                ReservePrice = terms.ReservePrice,
                Increment = room.Vertical.MinimumIncrement,
                AntiSnipingSeconds = room.AntiSnipingSeconds,
                OpenedAt = now,
                EndsAt = now.AddSeconds(terms.DurationSeconds),
            };
            db.Lots.Add(lot);
            lots.Add(lot);
        }

        await db.SaveChangesAsync(ct);

        foreach (var lot in lots)
        {
            var lead = db.Leads.Local.First(l => l.Id == lot.LeadId);
            notifier.Publish(new LotOpenedEvent(room.Id, new LotView(
                lot.Id, room.Id, room.Vertical.Name, lead.PostalArea, lead.Need, lead.Language, lead.Score, lead.ScoreFactors, lead.DoubleOptIn,
                lead.CreatedAt, lot.SaleMode, lot.Shares, lot.Shares, lot.ReservePrice, lot.Increment, null, lot.ReservePrice, 0, lot.EndsAt,
                0, LotStatus.Open, LotOutcome.None, room.Vertical.Currency)));
        }

        return new ListingResult(batch.Id, []);
    }
}
