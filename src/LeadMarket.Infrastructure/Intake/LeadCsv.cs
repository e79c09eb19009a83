using LeadMarket.Infrastructure.AfterSale;
using System.Globalization;
using System.Text;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// Reads a publisher's CSV (header row, comma or semicolon separated, RFC 4180 quoting). Every problem is
/// reported by row and column; a file with any problem yields no leads, so nothing is half-imported. It only reads:
/// what makes a lead valid is the Domain's <see cref="LeadValidation"/>, asked for every row.
/// </summary>
public static class LeadCsv
{
    public static readonly string[] RequiredColumns =
        ["first_name", "last_name", "email", "phone", "street", "postal_code", "city", "country", "language", "need", "opt_in_at", "opt_in_ip", "source_url", "consent_text"];

    public static readonly string[] OptionalColumns = ["user_agent", "confirmation_sent_at", "confirmed_at", "confirmed_ip"];

    public const int MaxRows = 5_000;

    public static string Template =>
        string.Join(',', RequiredColumns.Concat(OptionalColumns)) + "\n" +
        "Anna,Schmidt,anna.schmidt@example.de,+49 89 1234567,Leopoldstr. 1,80331,München,DE,de,\"Quote for a 10 kWp solar roof\",2026-11-20T10:00:00Z,203.0.113.7,https://example.de/solar,\"I agree to be contacted by solar installers about my request.\",Mozilla/5.0,2026-11-20T10:00:05Z,2026-11-20T10:12:00Z,203.0.113.7\n";

    public sealed record Result(IReadOnlyList<LeadInput> Leads, IReadOnlyList<FieldError> Errors)
    {
        public bool Ok => Errors.Count == 0;
    }

    public static async Task<Result> ReadAsync(Stream stream, CancellationToken ct = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = await reader.ReadToEndAsync(ct);
        return Read(text);
    }

    public static Result Read(string text)
    {
        // A byte order mark read as text (not by a StreamReader) would otherwise glue itself to the first column name.
        text = text.TrimStart('\uFEFF');
        var errors = new List<FieldError>();
        var records = Parse(text, errors);
        if (errors.Count > 0)
        {
            return new Result([], errors);
        }

        if (records.Count == 0)
        {
            return new Result([], [new FieldError(0, "file", FieldErrorCodes.MissingField, "The file is empty; the first line must be a header row.")]);
        }

        var header = records[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!RequiredColumns.Contains(header[i]) && !OptionalColumns.Contains(header[i]))
            {
                errors.Add(new FieldError(1, header[i], FieldErrorCodes.InvalidValue, $"Unknown column '{header[i]}'. Known columns: {string.Join(", ", RequiredColumns.Concat(OptionalColumns))}."));
            }
            else if (!index.TryAdd(header[i], i))
            {
                errors.Add(new FieldError(1, header[i], FieldErrorCodes.InvalidValue, "Column appears twice in the header."));
            }
        }

        foreach (var missing in RequiredColumns.Where(c => !index.ContainsKey(c)))
        {
            errors.Add(new FieldError(1, missing, FieldErrorCodes.MissingField, "Required column is missing from the header."));
        }

        if (errors.Count > 0)
        {
            return new Result([], errors);
        }

        if (records.Count - 1 > MaxRows)
        {
            return new Result([], [new FieldError(0, "file", FieldErrorCodes.InvalidValue, $"The file has {records.Count - 1} rows; at most {MaxRows} are taken per upload.")]);
        }

        if (records.Count == 1)
        {
            return new Result([], [new FieldError(0, "file", FieldErrorCodes.MissingField, "The file has a header but no leads.")]);
        }

        var leads = new List<LeadInput>();
        for (var r = 1; r < records.Count; r++)
        {
            var row = r + 1; // 1-based, header is row 1
            var fields = records[r];
            if (fields.Length != header.Length)
            {
                errors.Add(new FieldError(row, "row", FieldErrorCodes.InvalidValue, $"Has {fields.Length} fields; the header has {header.Length}."));
                continue;
            }

            string Get(string column) => index.TryGetValue(column, out var i) ? fields[i].Trim() : "";
            DateTimeOffset? Time(string column, bool required)
            {
                var value = Get(column);
                if (value.Length == 0)
                {
                    if (required)
                    {
                        errors.Add(new FieldError(row, column, FieldErrorCodes.MissingField, "Is required."));
                    }

                    return null;
                }

                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
                {
                    return t;
                }

                errors.Add(new FieldError(row, column, FieldErrorCodes.InvalidValue, "Is not a date and time (use ISO 8601, e.g. 2026-11-20T10:00:00Z)."));
                return null;
            }

            var before = errors.Count;
            var optIn = Time("opt_in_at", required: false);
            var sent = Time("confirmation_sent_at", required: false);
            var confirmed = Time("confirmed_at", required: false);
            var input = new LeadInput(
                Get("first_name"), Get("last_name"), Get("email"), Get("phone"), Get("street"), Get("postal_code"), Get("city"),
                Get("country").ToUpperInvariant(), Get("language").ToLowerInvariant(), Get("need"),
                new ConsentEvidence(optIn ?? default, Get("opt_in_ip"), Get("user_agent"), Get("source_url"), Get("consent_text"), sent, confirmed, NullIfEmpty(Get("confirmed_ip"))));
            errors.AddRange(input.Check(row));
            if (errors.Count == before)
            {
                leads.Add(input);
            }
        }

        return errors.Count > 0 ? new Result([], errors) : new Result(leads, []);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static List<string[]> Parse(string text, List<FieldError> errors)
    {
        var records = new List<string[]>();
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var row = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        row++;
                    }

                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        records.Add([.. fields]);
                    }

                    fields.Clear();
                    row++;
                    break;
                default:
                    if (c == separator)
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                    }
                    else
                    {
                        field.Append(c);
                    }

                    break;
            }

            i++;
        }

        if (quoted)
        {
            errors.Add(new FieldError(row, "row", FieldErrorCodes.InvalidValue, "A quoted field is not closed before the end of the file."));
            return records;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
