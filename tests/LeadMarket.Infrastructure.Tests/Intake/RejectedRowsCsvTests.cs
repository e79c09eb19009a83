using LeadMarket.Infrastructure.Intake;

namespace LeadMarket.Infrastructure.Tests.Intake;

public sealed class RejectedRowsCsvTests
{
    [Fact]
    public async Task A_semicolon_upload_comes_back_with_semicolons_and_the_reason_column_last()
    {
        var text = await WriteAsync("\uFEFFfirst_name;email;need\r\n", ("Anna;anna@;\"Dach; Süd\"", "email: not valid"));

        Assert.Equal("first_name;email;need;reason\r\nAnna;anna@;\"Dach; Süd\";email: not valid\r\n", text);
    }

    [Fact]
    public async Task Quotes_and_line_breaks_are_quoted_and_formulas_kept_as_sent()
    {
        var text = await WriteAsync("a,b,c", ("\"line one\nline two\",=1+2,\"say \"\"hi\"\"\"", "b: formula"));

        Assert.Equal("a,b,c,reason\r\n\"line one\nline two\",=1+2,\"say \"\"hi\"\"\",b: formula\r\n", text);
    }

    [Fact]
    public async Task A_short_row_is_padded_to_the_header_so_the_reason_stays_in_its_column_and_a_broken_row_goes_back_whole()
    {
        var text = await WriteAsync("a,b,c", ("1", "b: missing"), ("\"open,2,3", "a: broken quotes"));

        Assert.Equal("a,b,c,reason\r\n1,,,b: missing\r\n\"\"\"open,2,3\",,,a: broken quotes\r\n", text);
    }

    [Fact]
    public async Task A_batch_without_an_uploaded_header_lists_each_item_as_sent_in_one_column()
    {
        var text = await WriteAsync(null, ("{\"email\":\"x@\"}", "email: not valid"));

        Assert.Equal("item,reason\r\n\"{\"\"email\"\":\"\"x@\"\"}\",email: not valid\r\n", text);
    }

    [Theory]
    [InlineData("a,b;c", ',')]
    [InlineData("a;b;c", ';')]
    [InlineData("\"x;y\",b", ',')]
    public void The_delimiter_is_the_headers_more_frequent_one_outside_quotes(string header, char expected) =>
        Assert.Equal(expected, RejectedRowsCsv.DelimiterOf(header));

    private static async Task<string> WriteAsync(string? header, params (string Sent, string Reason)[] rows)
    {
        var csv = RejectedRowsCsv.For(header);
        using var output = new StringWriter();
        await csv.WriteHeaderAsync(output);
        foreach (var (sent, reason) in rows)
        {
            await csv.WriteRowAsync(output, sent, reason);
        }

        return output.ToString();
    }
}
