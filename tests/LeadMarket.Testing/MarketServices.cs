using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Testing;

/// <summary>
/// The app's data through its root services: for any running host of the app, a <see cref="MarketApplication"/>,
/// one node of several, or a host made with <c>WithWebHostBuilder</c>.
/// </summary>
public static class MarketServices
{
    /// <summary>A fresh database context on the app's database, for arranging and asserting.</summary>
    public static MarketDbContext Db(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<MarketDbContext>>().CreateDbContext();

    /// <summary>The user id of a test account (see <see cref="TestAccounts"/>), e.g. "buyer1" or "publisher1".</summary>
    public static async Task<string> UserIdAsync(IServiceProvider services, string account)
    {
        await using var db = Db(services);
        var email = TestAccounts.Named(account).Email;
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
