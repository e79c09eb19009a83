using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Auctions;

public sealed record VerticalView(Guid Id, string Slug, string Name, string Currency, decimal DefaultReservePrice, decimal MinimumIncrement, int ReturnWindowDays);

public sealed record RoomAdminView(Guid Id, string Name, Guid VerticalId, string Vertical, string? Region, bool IsActive, int AntiSnipingSeconds);

/// <summary>Admin use cases on the market's structure: verticals and rooms. Errors are returned as text.</summary>
public sealed class MarketAdministration(IDbContextFactory<MarketDbContext> contexts)
{
    public async Task<IReadOnlyList<VerticalView>> ListVerticalsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Verticals.AsNoTracking().OrderBy(v => v.Name)
            .Select(v => new VerticalView(v.Id, v.Slug, v.Name, v.Currency, v.DefaultReservePrice, v.MinimumIncrement, v.ReturnWindowDays))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<RoomAdminView>> ListRoomsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Rooms.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new RoomAdminView(r.Id, r.Name, r.VerticalId, r.Vertical!.Name, r.Region, r.IsActive, r.AntiSnipingSeconds))
            .ToListAsync(ct);
    }

    public async Task<string?> AddVerticalAsync(string slug, string name, decimal reserve, decimal increment, CancellationToken ct = default)
    {
        slug = slug.Trim().ToLowerInvariant();
        if (slug.Length is < 2 or > 40 || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return "The slug must be 2 to 40 lower-case letters, digits or dashes.";
        }

        if (name.Trim().Length is 0 or > 100)
        {
            return "The name must be 1 to 100 characters.";
        }

        if (reserve <= 0 || increment <= 0 || decimal.Round(reserve, 2) != reserve || decimal.Round(increment, 2) != increment)
        {
            return "Reserve price and increment must be positive amounts with at most two decimals.";
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Verticals.AnyAsync(v => v.Slug == slug, ct))
        {
            return $"A vertical with the slug '{slug}' exists already.";
        }

        db.Verticals.Add(new Vertical { Slug = slug, Name = name.Trim(), DefaultReservePrice = reserve, MinimumIncrement = increment });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<string?> UpdateVerticalAsync(Guid id, decimal reserve, decimal increment, int returnWindowDays, CancellationToken ct = default)
    {
        if (reserve <= 0 || increment <= 0 || decimal.Round(reserve, 2) != reserve || decimal.Round(increment, 2) != increment)
        {
            return "Reserve price and increment must be positive amounts with at most two decimals.";
        }

        if (returnWindowDays is < 0 or > 90)
        {
            return "The return window is 0 to 90 days.";
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var vertical = await db.Verticals.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (vertical is null)
        {
            return "There is no such vertical.";
        }

        vertical.DefaultReservePrice = reserve;
        vertical.MinimumIncrement = increment;
        vertical.ReturnWindowDays = returnWindowDays;
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<string?> AddRoomAsync(Guid verticalId, string name, string? region, int antiSnipingSeconds, CancellationToken ct = default)
    {
        if (name.Trim().Length is 0 or > 100)
        {
            return "The room name must be 1 to 100 characters.";
        }

        if (antiSnipingSeconds is < 0 or > 600)
        {
            return "The anti-sniping window is 0 to 600 seconds.";
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Verticals.AnyAsync(v => v.Id == verticalId, ct))
        {
            return "There is no such vertical.";
        }

        db.Rooms.Add(new Room { VerticalId = verticalId, Name = name.Trim(), Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim(), AntiSnipingSeconds = antiSnipingSeconds });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<string?> SetRoomActiveAsync(Guid roomId, bool active, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null)
        {
            return "There is no such room.";
        }

        room.IsActive = active;
        await db.SaveChangesAsync(ct);
        return null;
    }
}
