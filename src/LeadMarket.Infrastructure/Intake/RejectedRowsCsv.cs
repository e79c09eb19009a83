using System.Text;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// The "rejected rows" download (RFC 4180): the upload's header in its own columns and delimiter plus a <c>reason</c>
/// column, then each rejected row as sent with its reasons. Every value is written back exactly as sent (a formula
/// stays a formula for the publisher to fix) and quoted wherever the delimiter, a quote or a line break needs it.
/// </summary>
public sealed class RejectedRowsCsv
{
    public const string ReasonColumn = "reason";

    /// <summary>The column of a batch without an uploaded header (API items): the item as sent.</summary>
    public const string ItemColumn = "item";

    private readonly IReadOnlyList<string> header;
    private readonly char delimiter;
    private readonly bool columns;

    private RejectedRowsCsv(IReadOnlyList<string> header, char delimiter, bool columns)
    {
        this.header = header;
        this.delimiter = delimiter;
        this.columns = columns;
    }

    /// <summary>For a batch's stored header line (null for a batch that came by API: each item as sent in one column).</summary>
    public static RejectedRowsCsv For(string? sourceHeader)
    {
        var line = sourceHeader?.TrimStart('\uFEFF').TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(line))
        {
            return new RejectedRowsCsv([ItemColumn], ',', columns: false);
        }

        var delimiter = DelimiterOf(line);
        var names = Parse(line, delimiter) ?? [line];
        return new RejectedRowsCsv(names, delimiter, columns: true);
    }

    /// <summary>Semicolon when the header has more semicolons than commas outside quotes, else comma (the reader's rule).</summary>
    public static char DelimiterOf(string headerLine)
    {
        ArgumentNullException.ThrowIfNull(headerLine);
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
        }

        return semicolons > commas ? ';' : ',';
    }

    /// <summary>The fields of one CSV record (which may span lines inside quotes); null when its quotes are broken.</summary>
    public static IReadOnlyList<string>? Parse(string record, char delimiter)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = record.TrimEnd('\r', '\n');
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return null;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] != delimiter)
                {
                    return null;
                }
            }
            else
            {
                while (i < text.Length && text[i] != delimiter)
                {
                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return fields;
            }

            i++; // the delimiter
        }
    }

    /// <summary>One value as a CSV field: quoted (inner quotes doubled) when it holds the delimiter, a quote, a line break or edge spaces.</summary>
    public static string Quote(string value, char delimiter)
    {
        ArgumentNullException.ThrowIfNull(value);
        var needs = value.Length > 0 && (value[0] == ' ' || value[^1] == ' ');
        foreach (var c in value)
        {
            if (c == delimiter || c == '"' || c == '\r' || c == '\n')
            {
                needs = true;
                break;
            }
        }

        return needs ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public Task WriteHeaderAsync(TextWriter output) => WriteRecordAsync(output, [.. header, ReasonColumn]);

    /// <summary>A rejected row as sent (a CSV record in the upload's delimiter, or an API item) and its reasons.</summary>
    public Task WriteRowAsync(TextWriter output, string sent, string reason)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var values = new List<string>(header.Count + 1);

        // A row whose quotes are broken cannot be split into its columns: it goes back whole in the first one.
        var fields = columns ? Parse(sent, delimiter) : null;
        values.AddRange(fields ?? [sent.TrimEnd('\r', '\n')]);
        while (values.Count < header.Count)
        {
            values.Add("");
        }

        values.Add(reason);
        return WriteRecordAsync(output, values);
    }

    private async Task WriteRecordAsync(TextWriter output, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                await output.WriteAsync(delimiter);
            }

            await output.WriteAsync(Quote(values[i], delimiter));
        }

        await output.WriteAsync("\r\n");
    }
}
