using System.Text;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;

namespace LeadMarket.Infrastructure.Tests.Intake;

/// <summary>The reader fed random bytes, huge lines, wrong encodings and broken quotes: it always ends with rows and file errors, never another exception.</summary>
public sealed class LeadCsvReaderFuzzTests
{
    private static readonly byte[][] Pieces =
    [
        "\""u8.ToArray(), "\"\""u8.ToArray(), ","u8.ToArray(), ";"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\r"u8.ToArray(),
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xC3], [0xFC], [0x80], [0xF0, 0x9F], [0],
        "first_name"u8.ToArray(), "email"u8.ToArray(), "Müller"u8.ToArray(), "=HYPERLINK("u8.ToArray(), "|"u8.ToArray(),
    ];

    [Fact]
    public async Task Random_bytes_end_in_rows_and_file_errors_and_never_in_another_exception()
    {
        var random = new Random(22);
        for (var round = 0; round < 300; round++)
        {
            var bytes = new List<byte>();
            if (random.Next(2) == 0)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(TestSubmissions.Header + "\n"));
            }

            var length = random.Next(0, 4_000);
            while (bytes.Count < length)
            {
                if (random.Next(3) == 0)
                {
                    bytes.AddRange(Pieces[random.Next(Pieces.Length)]);
                }
                else
                {
                    bytes.Add((byte)random.Next(256));
                }
            }

            await ReadAllAsync([.. bytes]);
        }
    }

    [Fact]
    public async Task Huge_lines_and_an_unclosed_quote_over_a_megabyte_stop_with_a_file_error()
    {
        foreach (var body in new[] { new string('x', 2_000_000), "\"" + new string('y', 2_000_000), string.Concat(Enumerable.Repeat(",", 1_000_000)) })
        {
            var (_, errors) = await ReadAllAsync(Encoding.UTF8.GetBytes(TestSubmissions.Header + "\n" + body + "\n"));
            Assert.NotEmpty(errors);
        }
    }

    [Fact]
    public async Task A_million_commas_make_one_bounded_error_not_a_million()
    {
        var (rows, errors) = await ReadAllAsync(Encoding.UTF8.GetBytes("first_name\n" + string.Concat(Enumerable.Repeat(",,,,,,,,,\n", 10_000))));

        Assert.Empty(errors);
        Assert.Equal(10_000, rows);
    }

    private static async Task<(int Rows, IReadOnlyList<Domain.Intake.FieldError> Errors)> ReadAllAsync(byte[] bytes)
    {
        await using var reader = await LeadCsvReader.OpenAsync(new MemoryStream(bytes), ["roof_m2"], null, default);
        var rows = 0;
        while (await reader.ReadAsync(default) is { } row)
        {
            rows++;
            Assert.True(row.Lead is not null || row.Errors.Count > 0);
            Assert.True(row.Lead is null || !ContainsReplacement(row.Lead));
        }

        return (rows, reader.FileErrors);
    }

    private static bool ContainsReplacement(Domain.Intake.LeadSubmission lead) =>
        new[] { lead.FirstName, lead.LastName, lead.Email, lead.Phone, lead.Street, lead.City, lead.Need, lead.ConsentText }.Any(v => v.Contains('\uFFFD', StringComparison.Ordinal))
        || lead.Fields.Values.Any(v => v.Contains('\uFFFD', StringComparison.Ordinal));
}
