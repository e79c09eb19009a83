using System.Security.Claims;
using LeadMarket.Domain.Accounts;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>Who is looking at a room: a buyer bids as themselves; anyone else (an admin) only watches.</summary>
public sealed record Viewer(string? UserId, bool IsBuyer, bool IsAdmin)
{
    /// <summary>The buyer id to bid and to see own positions with; null for a watcher.</summary>
    public string? BuyerId => IsBuyer ? UserId : null;

    public static Viewer From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.IsInRole(Roles.Buyer), user.IsInRole(Roles.Admin));
}
