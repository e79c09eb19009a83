using System.Globalization;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Intake;

namespace LeadMarket.Infrastructure.Tests.Intake;

/// <summary>
/// Golden files: Intake/Golden/&lt;code&gt;.csv imported (in the sandbox, so nothing stays) must report exactly the
/// problems of &lt;code&gt;.expected (row, field, code). Times in the files are placeholders filled with recent times.
/// </summary>
public sealed class GoldenCsvTests(IntakeMarket market) : IClassFixture<IntakeMarket>
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Intake", "Golden");

    private static IReadOnlyList<string> Codes => [.. Directory.GetFiles(Folder, "*.csv").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Files => [.. Codes];

    [Fact]
    public void There_is_a_golden_file_for_every_rejection_code()
    {
        var codes = Codes.ToHashSet(StringComparer.Ordinal);
        Assert.All(FieldErrorCodes.All, c => Assert.Contains(c, codes));
        Assert.All(codes, c => Assert.Contains(c, FieldErrorCodes.All));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_golden_file_reports_exactly_its_expected_problems(string code)
    {
        var now = market.Time.GetUtcNow();
        string At(TimeSpan before) => (now - before).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var csv = (await File.ReadAllTextAsync(Path.Combine(Folder, code + ".csv")))
            .Replace("{{opt_in_at}}", At(TimeSpan.FromDays(1)), StringComparison.Ordinal)
            .Replace("{{confirmation_sent_at}}", At(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1)), StringComparison.Ordinal)
            .Replace("{{confirmed_at}}", At(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(5)), StringComparison.Ordinal);
        var expected = (await File.ReadAllLinesAsync(Path.Combine(Folder, code + ".expected"))).Skip(1).Where(l => l.Length > 0).ToList();
        var publisher = await market.PublisherAsync();
        var batch = await market.OpenAsync(publisher, IntakeMode.Sandbox);

        var result = await market.ImportAsync(publisher, batch, csv, IntakeMode.Sandbox);

        Assert.Equal(expected, result.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Row},{e.Field},{e.Code}")));
        Assert.Contains(code, result.Errors.Select(e => e.Code));
    }
}
