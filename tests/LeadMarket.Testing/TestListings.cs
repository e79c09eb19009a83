using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Testing;

/// <summary>A lot listed for a test, as the database holds it right after listing.</summary>
public sealed record ListedLot(Guid LotId, Guid LeadId, Guid RoomId, Guid BatchId, DateTimeOffset EndsAt, decimal Increment);

/// <summary>
/// Lists lots the way publishers do, through the real <see cref="ListingService"/>, as a test publisher. Pass the
/// root services of the app (or of one node) to list on.
/// </summary>
public static class TestListings
{
    /// <summary>The vertical whose room lots go to unless a test says otherwise: Insurance (increment 0.50, anti-sniping 15 s).</summary>
    public const string DefaultRoom = "insurance";

    /// <summary>Lists <paramref name="count"/> valid leads (or the given ones) as one batch and answers the lots as stored.</summary>
    /// <param name="room">The slug of the vertical whose room the lots go to.</param>
    /// <param name="publisher">The test publisher who lists them ("publisher1", "publisher2").</param>
    public static async Task<IReadOnlyList<ListedLot>> ListLotsAsync(
        IServiceProvider services,
        int count = 1,
        SaleMode mode = SaleMode.Exclusive,
        int shares = 1,
        decimal reserve = 10m,
        int durationSeconds = 300,
        IReadOnlyList<LeadInput>? leads = null,
        string room = DefaultRoom,
        string publisher = "publisher1",
        string? batchName = null)
    {
        var roomId = await RoomIdAsync(services, room);
        var publisherId = await MarketServices.UserIdAsync(services, publisher);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        leads ??= [.. Enumerable.Range(1, count).Select(n => TestLeads.Valid(now, n))];

        var terms = new BatchTerms(batchName ?? $"Test batch {Guid.NewGuid():N}", roomId, mode, shares, reserve, durationSeconds);
        var result = await services.GetRequiredService<ListingService>().ListAsync(publisherId, terms, leads);
        if (!result.Ok)
        {
            throw new InvalidOperationException("Listing failed: " + string.Join("; ", result.Errors));
        }

        await using var db = MarketServices.Db(services);
        var lots = await db.Lots.AsNoTracking().Where(l => l.BatchId == result.BatchId).ToListAsync();
        if (lots.Count != leads.Count)
        {
            throw new InvalidOperationException($"{leads.Count} leads were listed, but {lots.Count} lots were stored.");
        }

        return [.. lots.Select(l => new ListedLot(l.Id, l.LeadId, l.RoomId, l.BatchId, l.EndsAt, l.Increment))];
    }

    /// <summary>Lists one lead (a valid one unless given) as a lot of its own batch.</summary>
    public static async Task<ListedLot> ListLotAsync(
        IServiceProvider services,
        SaleMode mode = SaleMode.Exclusive,
        int shares = 1,
        decimal reserve = 10m,
        int durationSeconds = 300,
        LeadInput? lead = null,
        string room = DefaultRoom,
        string publisher = "publisher1",
        string? batchName = null) =>
        (await ListLotsAsync(services, 1, mode, shares, reserve, durationSeconds, lead is null ? null : [lead], room, publisher, batchName)).Single();

    /// <summary>The id of the (first active) room of a vertical, by the vertical's slug.</summary>
    public static async Task<Guid> RoomIdAsync(IServiceProvider services, string verticalSlug = DefaultRoom)
    {
        var rooms = await services.GetRequiredService<RoomQueries>().ListRoomsAsync();
        return rooms.FirstOrDefault(r => r.VerticalSlug == verticalSlug)?.RoomId
            ?? throw new InvalidOperationException($"No active room in the vertical '{verticalSlug}'.");
    }
}
