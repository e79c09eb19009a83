using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Testing;

/// <summary>
/// Batches, leads and lots written straight into the database the way the intake stores them (scheduled lots, leads
/// waiting for their hosted double opt-in with the outbox row that asks for the mail), for tests of what follows.
/// </summary>
public static class IntakeRows
{
    public const string SourceUrl = "https://forms.example.org/insurance";

    public const string ConsentText = "I agree that insurers may contact me by email about my request.";

    /// <summary>A batch of a test publisher in the room of a vertical, with its slot cursor at <paramref name="startsAt"/> (default: now).</summary>
    public static async Task<LeadBatch> CreateBatchAsync(
        IServiceProvider services, bool hostedDoubleOptIn = false, int pacingSeconds = 0, DateTimeOffset? startsAt = null, int durationSeconds = 300,
        string room = TestListings.DefaultRoom, string publisher = "publisher1")
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var roomId = await TestListings.RoomIdAsync(services, room);
        var publisherId = await MarketServices.UserIdAsync(services, publisher);
        await using var db = MarketServices.Db(services);
        var verticalId = await db.Rooms.Where(r => r.Id == roomId).Select(r => r.VerticalId).SingleAsync();
        var batch = new LeadBatch
        {
            PublisherId = publisherId,
            VerticalId = verticalId,
            RoomId = roomId,
            Name = $"Intake test batch {Guid.NewGuid():N}",
            SaleMode = SaleMode.Exclusive,
            ReservePrice = 10m,
            DurationSeconds = durationSeconds,
            CreatedAt = now,
            StartsAt = startsAt ?? now,
            NextSlotAt = startsAt ?? now,
            PacingSeconds = pacingSeconds,
            HostedDoubleOptIn = hostedDoubleOptIn,
            Status = BatchStatus.Completed,
        };
        db.Batches.Add(batch);
        await db.SaveChangesAsync();
        return batch;
    }

    /// <summary>A lead of <paramref name="batch"/> as the intake stores it, in <paramref name="state"/>, with single opt-in evidence.</summary>
    public static async Task<Lead> CreateLeadAsync(IServiceProvider services, LeadBatch batch, LeadState state, string language = "de", string email = "lead@example.org")
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var contact = new LeadContact("Erika", "Muster", email, "+49301234567", "Teststrasse 1", "10115", "Berlin", "DE");
        var consent = new ConsentEvidence(now.AddMinutes(-5), "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)", SourceUrl, ConsentText, null, null, null)
        {
            Channels = [ContactChannels.Email],
        };
        var lead = new Lead
        {
            BatchId = batch.Id,
            PublisherId = batch.PublisherId,
            VerticalId = batch.VerticalId,
            Country = "DE",
            PostalArea = "101",
            Language = language,
            Need = "Household insurance for a flat",
            Score = 60,
            CreatedAt = now,
            State = state,
            ProtectedData = services.GetRequiredService<LeadProtector>().Protect(new LeadPrivateData(contact, consent)),
        };
        await using var db = MarketServices.Db(services);
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }

    /// <summary>A lead of a new batch with its lot made by <see cref="LotListing.For"/>, opening at <paramref name="opensAt"/>.</summary>
    public static async Task<Lot> CreateLotAsync(IServiceProvider services, DateTimeOffset opensAt, int durationSeconds = 300)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var batch = await CreateBatchAsync(services, durationSeconds: durationSeconds);
        var lead = await CreateLeadAsync(services, batch, LeadState.Listed);
        await using var db = MarketServices.Db(services);
        var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == batch.RoomId);
        var vertical = await db.Verticals.AsNoTracking().SingleAsync(v => v.Id == batch.VerticalId);
        var lot = LotListing.For(batch, room, vertical, lead.Id, opensAt, now);
        db.Lots.Add(lot);
        await db.SaveChangesAsync();
        return lot;
    }

    /// <summary>
    /// A lead of a hosted double opt-in batch as the intake leaves it: waiting for its confirmation, without a lot,
    /// and the <see cref="DoiRequested"/> outbox row that asks for its mail. Answers the lead and the row's id.
    /// </summary>
    public static async Task<(Lead Lead, Guid MessageId)> CreateAwaitingConfirmationAsync(
        IServiceProvider services, LeadBatch batch, string language = "de", string email = "lead@example.org")
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var lead = await CreateLeadAsync(services, batch, LeadState.AwaitingConfirmation, language, email);
        var message = new OutboxMessage { Type = DoiRequested.Type, Payload = DoiRequested.Payload(lead.Id), CreatedAt = now, AvailableAt = now };
        await using var db = MarketServices.Db(services);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return (lead, message.Id);
    }
}
