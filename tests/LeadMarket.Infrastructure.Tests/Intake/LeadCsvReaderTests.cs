using System.Text;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;

namespace LeadMarket.Infrastructure.Tests.Intake;

public sealed class LeadCsvReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Header => TestSubmissions.Header;

    private static string Row(int n = 1) => TestSubmissions.Row(TestSubmissions.Valid(Now, n));

    internal static async Task<(List<CsvRow> Rows, IReadOnlyList<FieldError> FileErrors)> ReadAsync(byte[] bytes, IReadOnlyCollection<string>? fields = null, CsvHeaderMapping? mapping = null)
    {
        await using var reader = await LeadCsvReader.OpenAsync(new MemoryStream(bytes), fields ?? [], mapping, default);
        var rows = new List<CsvRow>();
        while (await reader.ReadAsync(default) is { } row)
        {
            rows.Add(row);
        }

        return (rows, reader.FileErrors);
    }

    private static Task<(List<CsvRow> Rows, IReadOnlyList<FieldError> FileErrors)> ReadAsync(string text, IReadOnlyCollection<string>? fields = null, CsvHeaderMapping? mapping = null) =>
        ReadAsync(Encoding.UTF8.GetBytes(text), fields, mapping);

    [Fact]
    public async Task The_template_reads_as_one_lead_that_passes_the_pre_ping()
    {
        var (rows, errors) = await ReadAsync(LeadCsvReader.Template);

        Assert.Empty(errors);
        var row = Assert.Single(rows);
        Assert.Equal(2, row.Row);
        Assert.Equal(["email", "phone"], row.Lead!.Channels);
        var check = LeadPrePing.Check(row.Lead, new IntakeRules(VerticalRules.None("solar"), ConsentRules.Default), new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), row.Row);
        Assert.True(check.Accepted, string.Join("; ", check.Errors));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_with_or_without_byte_order_mark_reads_alike(bool bom)
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\n" + Row() + "\n");
        var (rows, errors) = await ReadAsync(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);

        Assert.Empty(errors);
        Assert.Equal("Test", Assert.Single(rows).Lead!.FirstName);
    }

    [Fact]
    public async Task Semicolons_separate_the_columns_when_the_header_uses_them()
    {
        var text = Header.Replace(',', ';') + "\r\nAnna;Schmidt;\"a;b@example.org\"\r\n";
        var (rows, errors) = await ReadAsync(text.Replace(Header.Replace(',', ';'), "first_name;last_name;email"));

        Assert.Empty(errors);
        var lead = Assert.Single(rows).Lead!;
        Assert.Equal(("Anna", "Schmidt", "a;b@example.org"), (lead.FirstName, lead.LastName, lead.Email));
    }

    [Fact]
    public async Task Quoted_fields_keep_separators_doubled_quotes_and_line_breaks()
    {
        var (rows, errors) = await ReadAsync("first_name,need,city\nAnna,\"Roof, \"\"south\"\"\nand garage\",Köln\nBen,x,y\n");

        Assert.Empty(errors);
        Assert.Equal("Roof, \"south\"\nand garage", rows[0].Lead!.Need);
        Assert.Equal(("Köln", 4), (rows[0].Lead!.City, rows[1].Row));
    }

    [Fact]
    public async Task Latin_1_bytes_are_an_error_naming_the_row_and_field_and_never_become_replacement_characters()
    {
        var bytes = Encoding.UTF8.GetBytes("first_name,last_name,city\nAnna,Schmidt,Berlin\n")
            .Concat(Encoding.Latin1.GetBytes("Jörg,Müller,München\n"))
            .Concat(Encoding.UTF8.GetBytes("Ben,Maier,Köln\n")).ToArray();

        var (rows, errors) = await ReadAsync(bytes);

        Assert.Empty(errors);
        Assert.Equal(3, rows.Count);
        Assert.Null(rows[1].Lead);
        Assert.Equal([(3, "first_name"), (3, "last_name"), (3, "city")], rows[1].Errors.Select(e => (e.Row, e.Field)));
        Assert.All(rows[1].Errors, e => Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal));
        Assert.Equal("Köln", rows[2].Lead!.City);
        Assert.DoesNotContain(rows.Where(r => r.Lead is not null), r => r.Lead!.City.Contains('\uFFFD', StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_UTF_16_file_is_a_file_error()
    {
        var (rows, errors) = await ReadAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + "\n" + Row() + "\n")).ToArray());

        Assert.Empty(rows);
        Assert.Contains("UTF-16", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Formula_values_reach_the_pre_ping_as_sent()
    {
        var (rows, _) = await ReadAsync("first_name,need\n\"=HYPERLINK(\"\"http://x\"\")\",@SUM(A1)\n");

        Assert.Equal(("=HYPERLINK(\"http://x\")", "@SUM(A1)"), (rows[0].Lead!.FirstName, rows[0].Lead!.Need));
    }

    [Theory]
    [InlineData("Anna,\"Schmidt\n", 2)]
    [InlineData("Anna,Sch\"midt\n", 2)]
    [InlineData("Anna,\"Schmidt\"x\n", 2)]
    public async Task Broken_quotes_are_an_error_of_their_row(string row, int line)
    {
        var (rows, errors) = await ReadAsync("first_name,last_name\n" + row);

        Assert.Empty(errors);
        var error = Assert.Single(Assert.Single(rows).Errors);
        Assert.Equal((line, "row", FieldErrorCodes.InvalidValue), (error.Row, error.Field, error.Code));
        Assert.Contains("quote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_with_another_number_of_fields_is_its_error_and_the_next_row_is_read()
    {
        var (rows, errors) = await ReadAsync("first_name,last_name\nAnna\nBen,Maier\n");

        Assert.Empty(errors);
        Assert.Equal((2, "row"), (rows[0].Errors[0].Row, rows[0].Errors[0].Field));
        Assert.Equal("Maier", rows[1].Lead!.LastName);
    }

    [Fact]
    public async Task A_field_longer_than_8_KB_is_its_row_s_error_and_the_next_row_is_read()
    {
        var (rows, errors) = await ReadAsync("first_name,need\nAnna," + new string('x', LeadCsvReader.MaxFieldBytes + 1) + "\nBen,ok\n");

        Assert.Empty(errors);
        Assert.Equal([(2, "need")], rows[0].Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal("ok", rows[1].Lead!.Need);
    }

    [Fact]
    public async Task A_row_longer_than_64_KB_stops_the_file_at_that_row_keeping_the_rows_before()
    {
        var (rows, errors) = await ReadAsync("first_name,need\nAnna,a\nBen,\"" + new string('x', LeadCsvReader.MaxRowBytes + 10) + "\nCarl,c\n");

        Assert.Equal("Anna", Assert.Single(rows).Lead!.FirstName);
        var error = Assert.Single(errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("64 KB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_with_more_than_100_columns_is_a_file_error()
    {
        var (rows, errors) = await ReadAsync(string.Join(',', Enumerable.Range(0, 101).Select(i => "c" + i)) + "\n");

        Assert.Empty(rows);
        Assert.Contains("101 columns", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_columns_are_a_file_error_listing_the_known_ones_and_vertical_fields_are_known()
    {
        var (_, errors) = await ReadAsync("first_name,roof_m2,favourite_colour\nAnna,40,blue\n", ["roof_m2"]);
        var error = Assert.Single(errors);
        Assert.Contains("favourite_colour", error.Message, StringComparison.Ordinal);
        Assert.Contains("consent_text", error.Message, StringComparison.Ordinal);
        Assert.Contains("roof_m2", error.Message, StringComparison.Ordinal);

        var (rows, none) = await ReadAsync("First_Name,ROOF_M2\nAnna,40\n", ["roof_m2"]);
        Assert.Empty(none);
        Assert.Equal("40", rows[0].Lead!.Fields["roof_m2"]);
    }

    [Fact]
    public async Task A_header_mapping_reads_the_publisher_s_own_column_names()
    {
        var mapping = new CsvHeaderMapping(new Dictionary<string, string> { ["Vorname"] = "first_name", ["E-Mail"] = "email", ["Dach"] = "roof_m2" });

        var (rows, errors) = await ReadAsync("Vorname;E-Mail;Dach\nAnna;a@example.org;40\n", ["roof_m2"], mapping);

        Assert.Empty(errors);
        Assert.Equal(("Anna", "a@example.org", "40"), (rows[0].Lead!.FirstName, rows[0].Lead!.Email, rows[0].Lead!.Fields["roof_m2"]));
        Assert.Equal(["Dach"], LeadCsvReader.Unmapped(["Vorname", "Dach"], [], new CsvHeaderMapping(new Dictionary<string, string> { ["Vorname"] = "first_name" })));
    }

    [Fact]
    public async Task Channels_and_partners_are_lists_separated_by_bars()
    {
        var (rows, _) = await ReadAsync("channels,partners\n\"email| phone\",Acme GmbH|Beta AG\n");

        Assert.Equal(["email", "phone"], rows[0].Lead!.Channels);
        Assert.Equal(["Acme GmbH", "Beta AG"], rows[0].Lead!.Partners);
    }

    [Fact]
    public async Task Empty_lines_are_skipped_and_the_line_numbers_stay_those_of_the_file()
    {
        var (rows, errors) = await ReadAsync("first_name\n\nAnna\n\r\nBen\n");

        Assert.Empty(errors);
        Assert.Equal([(3, "Anna"), (5, "Ben")], rows.Select(r => (r.Row, r.Lead!.FirstName)));
    }

    [Fact]
    public async Task Reading_stops_after_200000_rows_with_a_file_error()
    {
        var text = new StringBuilder("first_name\n");
        for (var i = 0; i <= LeadCsvReader.MaxRows; i++)
        {
            text.Append("a\n");
        }

        var (rows, errors) = await ReadAsync(text.ToString());

        Assert.Equal(LeadCsvReader.MaxRows, rows.Count);
        Assert.Contains("200000", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_a_file_error()
    {
        var (rows, errors) = await ReadAsync("");

        Assert.Empty(rows);
        Assert.Equal(FieldErrorCodes.MissingField, Assert.Single(errors).Code);
    }
}
