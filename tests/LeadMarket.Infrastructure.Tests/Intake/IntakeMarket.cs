using System.Text;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Intake;

/// <summary>One app on a throw-away SQLite folder with a fake clock for the intake tests; each test uses leads of its own numbers.</summary>
public sealed class IntakeMarket : IAsyncLifetime
{
    private static int nextNumber = 1_000;

    public ManualClock Time { get; } = new();

    public MarketApplication App { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    public IntakeService Intake => Services.GetRequiredService<IntakeService>();

    public Task InitializeAsync()
    {
        App = new MarketApplication(time: Time);
        _ = App.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Lead numbers no other test of the run uses (so their emails and phones are not duplicates of each other's).</summary>
    public static int Numbers(int count) => Interlocked.Add(ref nextNumber, count) - count;

    public Task<string> PublisherAsync(string account = "publisher1") => MarketServices.UserIdAsync(Services, account);

    public MarketDbContext Db() => MarketServices.Db(Services);

    public async Task<Guid> OpenAsync(string publisherId, IntakeMode mode = IntakeMode.Live, int pacing = 0, DateTimeOffset? startsAt = null, string room = TestListings.DefaultRoom)
    {
        var roomId = await TestListings.RoomIdAsync(Services, room);
        var result = await Intake.OpenBatchAsync(publisherId, new BatchSettings($"Intake test {Guid.NewGuid():N}", roomId, SaleMode.Exclusive, 1, 10m, 300, startsAt, pacing, false), mode, default);
        Assert.True(result.Ok, string.Join("; ", result.Errors));
        return result.BatchId!.Value;
    }

    public IReadOnlyList<LeadSubmission> Leads(int count) =>
        [.. Enumerable.Range(Numbers(count), count).Select(n => TestSubmissions.Valid(Time.GetUtcNow(), n))];

    public static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));

    public Task<CsvImportResult> ImportAsync(string publisherId, Guid batchId, string csv, IntakeMode mode = IntakeMode.Live, CancellationToken ct = default) =>
        Intake.ImportCsvAsync(publisherId, batchId, Stream(csv), csv.Length, null, null, mode, ct);

    public async Task<int> LeadCountAsync(Guid batchId)
    {
        await using var db = Db();
        return await db.Leads.CountAsync(l => l.BatchId == batchId);
    }
}
