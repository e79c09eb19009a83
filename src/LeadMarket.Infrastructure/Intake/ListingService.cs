using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>The terms a publisher lists a batch under.</summary>
public sealed record BatchTerms(string Name, Guid RoomId, SaleMode SaleMode, int Shares, decimal ReservePrice, int DurationSeconds);

public sealed record ListingResult(Guid? BatchId, IReadOnlyList<FieldError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Lists already checked leads as lots in a room, all of a batch or nothing of it: the demo feed and the test fixtures' listing.
/// Publishers' leads come in through <see cref="IntakeService"/> (pre-ping, duplicates, chunks).
/// </summary>
public sealed class ListingService(IDbContextFactory<MarketDbContext> contexts, LeadProtector protector, IAuctionNotifier notifier, TimeProvider time)
{
    public const int MinDurationSeconds = ListingTerms.MinDurationSeconds;
    public const int MaxDurationSeconds = ListingTerms.MaxDurationSeconds;

    /// <summary>The most leads one listing takes.</summary>
    public const int MaxLeads = 5_000;

    public async Task<ListingResult> ListAsync(string publisherId, BatchTerms terms, IReadOnlyList<LeadInput> leads, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(leads);
        var errors = new List<FieldError>(ListingTerms.Check(terms.Name, terms.SaleMode, terms.Shares, terms.ReservePrice, terms.DurationSeconds));
        if (leads.Count == 0)
        {
            errors.Add(new FieldError(0, "leads", FieldErrorCodes.MissingField, "A batch needs at least one lead."));
        }
        else if (leads.Count > MaxLeads)
        {
            errors.Add(new FieldError(0, "leads", FieldErrorCodes.InvalidValue, $"A batch holds at most {MaxLeads} leads."));
        }

        for (var i = 0; i < leads.Count && i < MaxLeads; i++)
        {
            errors.AddRange(leads[i].Check(i + 1));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var room = await db.Rooms.AsNoTracking().Include(r => r.Vertical).FirstOrDefaultAsync(r => r.Id == terms.RoomId && r.IsActive, ct);
        if (room?.Vertical is null)
        {
            errors.Add(new FieldError(0, "roomId", FieldErrorCodes.InvalidValue, "There is no open room with this id."));
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
            RowsRead = leads.Count,
            CreatedAt = now,
            StartsAt = now,
            NextSlotAt = now,
            Status = BatchStatus.Completed,
        };
        db.Batches.Add(batch);

        var lots = new List<Lot>(leads.Count);
        foreach (var input in leads)
        {
            var contact = input.Contact;
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
                ScoreFactors = ScoreFactorsCodec.Write(score.Factors),
                DoubleOptIn = input.Consent.IsDoubleOptIn,
                CreatedAt = now,
                ProtectedData = protector.Protect(new LeadPrivateData(contact, input.Consent)),
            };
            db.Leads.Add(lead);
            var lot = LotListing.For(batch, room, room.Vertical, lead.Id, now, now);
            db.Lots.Add(lot);
            lots.Add(lot);
        }

        await db.SaveChangesAsync(ct);

        foreach (var lot in lots)
        {
            var lead = db.Leads.Local.First(l => l.Id == lot.LeadId);
            var facts = new LeadCardFacts(room.Vertical.Name, lead.PostalArea, lead.Need, lead.Language, lead.Score,
                ScoreFactorsCodec.Read(lead.ScoreFactors), lead.DoubleOptIn, lead.CreatedAt, room.Vertical.Currency);
            notifier.Publish(new LotOpenedEvent(room.Id, LotView.Of(lot, facts)));
        }

        return new ListingResult(batch.Id, []);
    }
}
