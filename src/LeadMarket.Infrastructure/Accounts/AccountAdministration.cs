using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Accounts;

public sealed record AccountView(string UserId, string Email, string? CompanyName, string Role, decimal? CreditLimit, decimal? CreditUsed, decimal? Exposure);

/// <summary>Admin use cases on accounts: roles and credit lines.</summary>
public sealed class AccountAdministration(IDbContextFactory<MarketDbContext> contexts, UserManager<ApplicationUser> users, AuctionWriter writer, IAccountNotifier notifier)
{
    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (from u in db.Users.AsNoTracking()
                          join ur in db.UserRoles on u.Id equals ur.UserId into urs
                          from ur in urs.DefaultIfEmpty()
                          join r in db.Roles on ur.RoleId equals r.Id into rs
                          from r in rs.DefaultIfEmpty()
                          join b in db.BuyerAccounts on u.Id equals b.UserId into bs
                          from b in bs.DefaultIfEmpty()
                          orderby u.Email
                          select new { u.Id, u.Email, u.CompanyName, Role = r == null ? null : r.Name, Buyer = b })
            .ToListAsync(ct);
        return [.. rows.GroupBy(r => r.Id).Select(g =>
        {
            var first = g.First();
            return new AccountView(first.Id, first.Email ?? "", first.CompanyName, string.Join(", ", g.Select(x => x.Role).Where(x => x != null).Order()),
                first.Buyer?.CreditLimit, first.Buyer?.CreditUsed, first.Buyer?.Exposure);
        })];
    }

    /// <summary>Sets a buyer's credit limit. A limit below what is already used or held by leading bids is refused.</summary>
    public async Task<string?> SetCreditLimitAsync(string userId, decimal limit, CancellationToken ct = default)
    {
        if (limit < 0 || limit > 100_000_000m || decimal.Round(limit, 2) != limit)
        {
            return "The credit limit must be between 0 and 100,000,000 with at most two decimals.";
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.BuyerAccounts.FirstOrDefaultAsync(b => b.UserId == userId, ct);
        if (account is null)
        {
            return "This account is not a buyer account.";
        }

        // One guarded statement, so a bid reserving credit at the same moment cannot be undercut. Its condition is
        // CreditLine.AllowsLimit in SQL.
        var cents = Db.Cents(limit);
        var changed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""UPDATE "BuyerAccounts" SET "CreditLimit" = {cents} WHERE "UserId" = {userId} AND "CreditUsed" + "Exposure" <= {cents}""", ct);
        writer.ForgetBuyer(userId);
        if (changed == 1)
        {
            // The buyer's open rooms show the available credit; they refresh it on this.
            notifier.Publish(new CreditLineChanged(userId, limit));
            return null;
        }

        return $"The limit cannot go below what is used and held by open bids ({account.Credit.Committed:0.00}).";
    }

    /// <summary>Gives an account exactly one market role; a new buyer gets a credit line of zero.</summary>
    public async Task<string?> SetRoleAsync(string userId, string role, CancellationToken ct = default)
    {
        if (!Roles.All.Contains(role))
        {
            return $"Unknown role '{role}'.";
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "There is no such account.";
        }

        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Where(r => r != role));
        if (!removed.Succeeded)
        {
            return string.Join(" ", removed.Errors.Select(e => e.Description));
        }

        if (!current.Contains(role))
        {
            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                return string.Join(" ", added.Errors.Select(e => e.Description));
            }
        }

        if (role == Roles.Buyer)
        {
            await EnsureBuyerAccountAsync(userId, 0m, ct);
        }

        return null;
    }

    public async Task EnsureBuyerAccountAsync(string userId, decimal creditLimit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.BuyerAccounts.AnyAsync(b => b.UserId == userId, ct))
        {
            db.BuyerAccounts.Add(new BuyerAccount { UserId = userId, CreditLimit = creditLimit });
            await db.SaveChangesAsync(ct);
        }
    }
}
