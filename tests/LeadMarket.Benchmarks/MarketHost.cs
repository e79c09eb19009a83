using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Benchmarks;

/// <summary>A buyer made for the benchmark: its own account, a credit line no bid reaches, and an API key.</summary>
internal sealed record BenchBuyer(string UserId, string Email, string ApiKey);

/// <summary>
/// The system clock, shifted on demand. The app runs on the real clock; the durable-decision figure moves it past
/// the end of its lots after a run so that the real closing worker settles them and winners can be checked.
/// </summary>
internal sealed class ShiftedTime : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));
}

/// <summary>
/// The real app (same services as <c>dotnet run</c>, SQLite file in a temp folder, demo mode off) on loopback,
/// plus the accounts, rooms and lots the figures need, made through the app's own use-case services.
/// </summary>
internal sealed class MarketHost : IAsyncDisposable
{
    public const string Password = "Bench!Pass2026";

    private int buyerCount;
    private int roomCount;

    private MarketHost(MarketApplication app, ShiftedTime time)
    {
        App = app;
        Time = time;
    }

    public MarketApplication App { get; }

    public ShiftedTime Time { get; }

    public Uri Address => App.ServerAddress;

    public IServiceProvider Services => App.Services;

    public string PublisherId { get; private set; } = "";

    public Guid VerticalId { get; private set; }

    public decimal Increment { get; private set; }

    public static async Task<MarketHost> StartAsync()
    {
        var time = new ShiftedTime();
        var app = new MarketApplication(time: time, settings: new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        var host = new MarketHost(app, time);
        _ = host.Address; // starts Kestrel, migrates and seeds reference data
        var publisher = await host.CreateUserAsync("bench-publisher@bench.local", Roles.Publisher, password: null);
        host.PublisherId = publisher;
        var vertical = (await host.Services.GetRequiredService<MarketAdministration>().ListVerticalsAsync()).First(v => v.Slug == "insurance");
        host.VerticalId = vertical.Id;
        host.Increment = vertical.MinimumIncrement;
        return host;
    }

    /// <summary>Buyers with a credit line no benchmark reaches and an API key each (bench-key-&lt;n&gt;).</summary>
    public async Task<BenchBuyer[]> CreateBuyersAsync(int count, bool withPassword = false)
    {
        var buyers = new BenchBuyer[count];
        for (var i = 0; i < count; i++)
        {
            var n = Interlocked.Increment(ref buyerCount);
            var email = $"bench-buyer-{n}@bench.local";
            var userId = await CreateUserAsync(email, Roles.Buyer, withPassword ? Password : null);
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().EnsureBuyerAccountAsync(userId, 100_000_000m);
            var key = $"bench-key-{n}";
            await Services.GetRequiredService<ApiKeyService>().AddAsync(userId, "bench", key);
            buyers[i] = new BenchBuyer(userId, email, key);
        }

        return buyers;
    }

    public async Task<Guid> CreateRoomAsync(string purpose)
    {
        var admin = Services.GetRequiredService<MarketAdministration>();
        var name = $"Bench {Interlocked.Increment(ref roomCount)} {purpose}";
        var error = await admin.AddRoomAsync(VerticalId, name, null, 15);
        if (error is not null)
        {
            throw new InvalidOperationException($"Could not create room '{name}': {error}");
        }

        return (await admin.ListRoomsAsync()).Single(r => r.Name == name).Id;
    }

    /// <summary>Lists <paramref name="count"/> leads as lots through the real listing service; returns their ids.</summary>
    public async Task<List<Guid>> ListLotsAsync(Guid roomId, SaleMode mode, int shares, int count, decimal reserve, TimeSpan duration)
    {
        var now = Time.GetUtcNow();
        var leads = Enumerable.Range(0, count).Select(i => new LeadInput(
            "Bench", $"Lead{i}", $"lead{i}@bench.example", "+49 151 1234567", "Benchstraße 1", "80331", "München", "DE", "de",
            "Household contents insurance, 85 m² flat",
            new ConsentEvidence(now.AddMinutes(-30), "198.51.100.7", "Mozilla/5.0 (bench)", "https://bench.example/form",
                "I agree that insurance providers contact me about my request.", now.AddMinutes(-20), now.AddMinutes(-10), "198.51.100.7"))).ToList();
        var listing = Services.GetRequiredService<ListingService>();
        var result = await listing.ListAsync(PublisherId, new BatchTerms($"Bench {mode} x{count}", roomId, mode, shares, reserve, (int)duration.TotalSeconds), leads);
        if (!result.Ok)
        {
            throw new InvalidOperationException("Listing failed: " + string.Join("; ", result.Errors));
        }

        await using var db = App.Db();
        return await db.Lots.AsNoTracking().Where(l => l.BatchId == result.BatchId).Select(l => l.Id).ToListAsync();
    }

    public HubConnection Hub(string apiKey) => HubClients.Connect(new Uri(Address, "/hubs/auction?access_token=" + Uri.EscapeDataString(apiKey)));

    private async Task<string> CreateUserAsync(string email, string role, string? password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CompanyName = "Benchmark" };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        var added = created.Succeeded ? await users.AddToRoleAsync(user, role) : created;
        if (!added.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join(" ", added.Errors.Select(e => e.Description))}");
        }

        return user.Id;
    }

    public async ValueTask DisposeAsync()
    {
        var directory = App.DataDirectory;
        await App.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
