using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Leads;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>A lot listed for a test, as the database holds it right after listing.</summary>
public sealed record ListedLot(Guid LotId, Guid LeadId, Guid RoomId, DateTimeOffset EndsAt, decimal Increment);

/// <summary>Arranges lots the way publishers do: through the real <see cref="ListingService"/>.</summary>
public static class Listings
{
    /// <summary>The room lots are listed in unless a test says otherwise (Insurance: increment 0.50).</summary>
    public const string DefaultRoom = "insurance";

    /// <summary>A valid lead with double opt-in evidence; every field can be replaced with <c>with</c>.</summary>
    public static LeadInput Lead(int n = 1, DateTimeOffset? now = null)
    {
        var at = (now ?? DateTimeOffset.UtcNow).AddDays(-1);
        return new LeadInput(
            FirstName: "Test",
            LastName: $"Lead{n}",
            Email: $"lead{n}@example.org",
            Phone: "+49 30 1234567",
            Street: "Teststrasse 1",
            PostalCode: "10115",
            City: "Berlin",
            Country: "DE",
            Language: "de",
            Need: "Household insurance for a flat",
            Consent: new ConsentEvidence(
                OptInAt: at,
                OptInIp: "203.0.113.7",
                UserAgent: "Mozilla/5.0 (X11; Linux x86_64)",
                SourceUrl: "https://forms.example.org/insurance",
                ConsentText: "I agree that insurers may contact me about my request.",
                ConfirmationSentAt: at.AddMinutes(1),
                ConfirmedAt: at.AddMinutes(5),
                ConfirmedIp: "203.0.113.7"));
    }

    /// <summary>Lists <paramref name="count"/> lots (or the given leads) as publisher1 and answers them as stored.</summary>
    public static async Task<IReadOnlyList<ListedLot>> ListAsync(
        MarketApplication app,
        int count = 1,
        SaleMode mode = SaleMode.Exclusive,
        int shares = 1,
        decimal reserve = 10m,
        int durationSeconds = 300,
        IReadOnlyList<LeadInput>? leads = null,
        string room = DefaultRoom)
    {
        var listing = app.Services.GetRequiredService<ListingService>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var roomId = await RoomIdAsync(app, room);
        var publisher = await app.UserIdAsync("publisher1");
        leads ??= [.. Enumerable.Range(1, count).Select(n => Lead(n, time.GetUtcNow()))];

        var result = await listing.ListAsync(publisher, new BatchTerms($"Test batch {Guid.NewGuid():N}", roomId, mode, shares, reserve, durationSeconds), leads);
        Assert.True(result.Ok, "Listing failed: " + string.Join("; ", result.Errors));

        await using var db = app.Db();
        var lots = await db.Lots.AsNoTracking().Where(l => l.BatchId == result.BatchId).ToListAsync();
        Assert.Equal(leads.Count, lots.Count);
        return [.. lots.Select(l => new ListedLot(l.Id, l.LeadId, l.RoomId, l.EndsAt, l.Increment))];
    }

    public static async Task<ListedLot> ListOneAsync(
        MarketApplication app, SaleMode mode = SaleMode.Exclusive, int shares = 1, decimal reserve = 10m, int durationSeconds = 300, LeadInput? lead = null) =>
        (await ListAsync(app, 1, mode, shares, reserve, durationSeconds, lead is null ? null : [lead])).Single();

    public static async Task<Guid> RoomIdAsync(MarketApplication app, string verticalSlug = DefaultRoom)
    {
        var rooms = await app.Services.GetRequiredService<RoomQueries>().ListRoomsAsync();
        return rooms.First(r => r.VerticalSlug == verticalSlug).RoomId;
    }
}
