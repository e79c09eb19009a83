using System.Net;
using System.Net.Http.Json;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LeadMarket.Infrastructure.Tests.Intake;

/// <summary>A lead's personal data is never written to a log, whatever the request does with it.</summary>
public sealed class PersonalDataLoggingTests
{
    private const string Email = "zora.quastenflosser@example.org";
    private const string Phone = "+49 1517 9043261";
    private const string LastName = "Quastenflosser";
    private const string Street = "Zaunkönigweg 23";

    /// <summary>The lead's personal data, also in the shapes a careless log line might take.</summary>
    public static readonly string[] Secrets = [Email, Phone, LastName, Street, "zora.quastenflosser", "4915179043261"];

    [Fact]
    public async Task Personal_data_never_reaches_the_logs_while_listing_bidding_closing_and_unlocking()
    {
        var recorder = new LogRecorder();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var app = new MarketApplication(time: time, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        });
        await using var host = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(recorder)));
        var services = host.Services;
        var roomId = await TestListings.RoomIdAsync(services);

        // Listing through the REST API: once refused (a bad phone next to valid personal data), once accepted.
        using var publisher = host.Server.CreateClient();
        publisher.DefaultRequestHeaders.Add("X-Api-Key", TestAccounts.Publisher1.ApiKey);
        var refused = await publisher.PostAsJsonAsync("/api/v1/leads", Listing(roomId, time.GetUtcNow(), phone: "call me maybe " + Phone));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedBody = await refused.Content.ReadAsStringAsync();
        Assert.Contains("\"rejected\"", refusedBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, refusedBody, StringComparison.OrdinalIgnoreCase);
        var listed = await publisher.PostAsJsonAsync("/api/v1/leads", Listing(roomId, time.GetUtcNow(), phone: Phone));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains("\"accepted\"", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Guid lotId, leadId;
        await using (var db = MarketServices.Db(services))
        {
            var lot = await db.Lots.AsNoTracking().Include(l => l.Lead).SingleAsync(l => l.Lead!.Need == "Term life cover 250k for new mortgage");
            (lotId, leadId) = (lot.Id, lot.LeadId);
            Assert.All(Secrets, s => Assert.DoesNotContain(s, lot.Lead!.ProtectedData, StringComparison.OrdinalIgnoreCase));
        }

        // Bidding through the API (accepted, outbid by proxy, refused) and through the service.
        using var buyer1 = host.Server.CreateClient();
        buyer1.DefaultRequestHeaders.Add("X-Api-Key", TestAccounts.Buyer1.ApiKey);
        using var buyer2 = host.Server.CreateClient();
        buyer2.DefaultRequestHeaders.Add("X-Api-Key", TestAccounts.Buyer2.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await buyer1.PostAsJsonAsync("/api/v1/bids", new { lotId, amount = 10m, maxAmount = 40m, clientBidId = "b1-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await buyer2.PostAsJsonAsync("/api/v1/bids", new { lotId, amount = 20m, clientBidId = "b2-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await buyer2.PostAsJsonAsync("/api/v1/bids", new { lotId, amount = 5m, clientBidId = "b2-2" })).StatusCode);
        var buyer1Id = await MarketServices.UserIdAsync(services, "buyer1");
        var raise = await services.GetRequiredService<BidService>().PlaceBidAsync(new PlaceBidCommand(buyer1Id, lotId, 25m, 60m, null));
        Assert.True(raise.Accepted, raise.Rejection?.Message);

        // Closing by the background sweep, then the winner unlocks the lead.
        time.Advance(TimeSpan.FromSeconds(61));
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = MarketServices.Db(services);
                return await db.Purchases.AnyAsync(p => p.LotId == lotId && p.UnlockedAt != null);
            },
            "the closing sweep to settle the lot and the outbox to unlock the purchase");
        using var unlocked = await buyer1.GetAsync($"/api/v1/leads/{leadId}");
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Contains(Email, await unlocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Email, (await services.GetRequiredService<PurchasedLeads>().GetAsync(buyer1Id, leadId))!.Contact.Email);

        var entries = recorder.Entries;
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && e.Text.Contains("/api/v1/leads", StringComparison.Ordinal));
        foreach (var secret in Secrets)
        {
            var leaks = entries.Where(e => e.Text.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(e => $"[{e.Category}] {e.Text}").Take(3).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' was logged:\n{string.Join("\n", leaks)}");
        }
    }

    private static object Listing(Guid roomId, DateTimeOffset now, string phone) => new
    {
        batch = new
        {
            name = "Log check batch",
            roomId,
            saleMode = "Exclusive",
            shares = 1,
            reservePrice = 10m,
            durationSeconds = 60,
        },
        leads = new[]
        {
            new
            {
                firstName = "Zora",
                lastName = LastName,
                email = Email,
                phone,
                street = Street,
                postalCode = "80331",
                city = "München",
                country = "DE",
                language = "de",
                need = "Term life cover 250k for new mortgage",
                optInAt = now.AddMinutes(-20),
                optInIp = "198.51.100.7",
                userAgent = "Mozilla/5.0 (test)",
                sourceUrl = "https://forms.example/life",
                consentText = "I agree that up to three insurance providers contact me by phone and email about my request.",
                confirmationSentAt = now.AddMinutes(-19),
                confirmedAt = now.AddMinutes(-18),
                confirmedIp = "198.51.100.8",
            },
        },
    };
}
