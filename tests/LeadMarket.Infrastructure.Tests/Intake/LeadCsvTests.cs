using System.Text;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;

namespace LeadMarket.Infrastructure.Tests.Intake;

public sealed class LeadCsvTests
{
    private static readonly string Header = LeadCsv.Template.Split('\n')[0];
    private static readonly string Row = LeadCsv.Template.Split('\n')[1];

    [Fact]
    public void Template_reads_as_one_valid_lead()
    {
        var result = LeadCsv.Read(LeadCsv.Template);

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        var lead = Assert.Single(result.Leads);
        Assert.Equal("München", lead.City);
        Assert.Equal("DE", lead.Country);
        Assert.True(lead.Consent.IsDoubleOptIn);
    }

    [Fact]
    public void Quoted_fields_keep_commas_newlines_and_doubled_quotes()
    {
        var row = Row.Replace("\"Quote for a 10 kWp solar roof\"", "\"Solar roof, 10 kWp\nwith \"\"battery\"\"\"", StringComparison.Ordinal);

        var result = LeadCsv.Read(Header + "\n" + row + "\n");

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        Assert.Equal("Solar roof, 10 kWp\nwith \"battery\"", Assert.Single(result.Leads).Need);
    }

    [Fact]
    public void Semicolon_separated_file_with_crlf_line_ends_is_read()
    {
        var semicolons = ToSemicolons(Header) + "\r\n" + ToSemicolons(Row) + "\r\n";

        var result = LeadCsv.Read(semicolons);

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        var lead = Assert.Single(result.Leads);
        Assert.Equal("anna.schmidt@example.de", lead.Email);
        Assert.Equal("Quote for a 10 kWp solar roof", lead.Need);
    }

    [Fact]
    public void Missing_required_column_is_reported_on_the_header_row()
    {
        var columns = Header.Split(',').ToList();
        var phone = columns.IndexOf("phone");
        var row = Row.Split(',').ToList();
        Assert.Equal("+49 89 1234567", row[phone]);
        columns.RemoveAt(phone);
        row.RemoveAt(phone);

        var result = LeadCsv.Read(string.Join(',', columns) + "\n" + string.Join(',', row) + "\n");

        Assert.Empty(result.Leads);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "phone"), (error.Row, error.Field));
        Assert.Contains("missing", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Unknown_column_is_reported_by_name_and_nothing_is_read()
    {
        var result = LeadCsv.Read(Header + ",favourite_colour\n" + Row + ",blue\n");

        Assert.Empty(result.Leads);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "favourite_colour"), (error.Row, error.Field));
        Assert.Contains("Unknown column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8_byte_order_mark_is_not_part_of_the_first_column()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(LeadCsv.Template)).ToArray();
        await using var stream = new MemoryStream(bytes);

        var result = await LeadCsv.ReadAsync(stream);

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        Assert.Equal("Anna", Assert.Single(result.Leads).FirstName);
    }

    [Fact]
    public void Every_bad_row_is_reported_and_no_lead_is_returned()
    {
        var badEmail = Row.Replace("anna.schmidt@example.de", "anna.schmidt", StringComparison.Ordinal);
        var badCountry = Row.Replace(",DE,", ",Germany,", StringComparison.Ordinal);
        var csv = string.Join('\n', Header, badEmail, Row, badCountry, Row);

        var result = LeadCsv.Read(csv);

        Assert.Empty(result.Leads);
        Assert.Equal([(2, "email", "invalid_email"), (4, "country", "invalid_value")], result.Errors.Select(e => (e.Row, e.Field, e.Code)));
        Assert.All(result.Errors, e => Assert.DoesNotContain("anna.schmidt", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Unbalanced_quote_is_reported_on_its_row_and_nothing_is_read()
    {
        var row = Row.Replace("\"Quote for a 10 kWp solar roof\"", "\"Quote for a 10 kWp solar roof", StringComparison.Ordinal);

        var result = LeadCsv.Read(Header + "\n" + row + "\n" + Row + "\n");

        Assert.Empty(result.Leads);
        Assert.Contains(result.Errors, e => e.Row == 2 && e.Field == "row");
    }

    [Fact]
    public void Quote_left_open_at_the_end_of_the_file_is_reported()
    {
        var row = Row.Replace("about my request.\"", "about my request.", StringComparison.Ordinal);

        var result = LeadCsv.Read(Header + "\n" + Row + "\n" + row + "\n");

        Assert.Empty(result.Leads);
        var error = Assert.Single(result.Errors);
        Assert.Contains("not closed", error.Message, StringComparison.Ordinal);
    }

    // The sample has commas only between fields, inside its quoted fields there are none.
    private static string ToSemicolons(string line)
    {
        var builder = new StringBuilder(line.Length);
        var quoted = false;
        foreach (var c in line)
        {
            quoted ^= c == '"';
            builder.Append(c == ',' && !quoted ? ';' : c);
        }

        return builder.ToString();
    }
}
