using System.Text;
using LeadMarket.Domain.Intake;
using nietras.SeparatedValues;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>One data row of a publisher's CSV: the lead as sent, or the row's problems (bad bytes, broken quotes, sizes).</summary>
/// <param name="Row">The row's line number in the file (the header is line 1).</param>
/// <param name="Line">The row as it stands in the file (for the rejected rows' download).</param>
public sealed record CsvRow(int Row, string Line, LeadSubmission? Lead, IReadOnlyList<FieldError> Errors)
{
    public override string ToString() => $"CsvRow {{ Row = {Row}, Errors = {Errors.Count} (values redacted) }}";
}

/// <summary>
/// Reads a publisher's lead CSV row by row with Sep, never the whole file into memory. UTF-8 with or without byte
/// order mark; comma or semicolon, detected from the header; RFC 4180 quoting. Bounded: at most
/// <see cref="MaxBytes"/>, <see cref="MaxRows"/> data rows, <see cref="MaxColumns"/> columns, <see cref="MaxFieldBytes"/>
/// per field and <see cref="MaxRowBytes"/> per row.
/// <para>
/// Problems of one row (bytes that are not UTF-8, broken quotes, a field too long, a wrong number of fields) are
/// that row's errors and the reader goes on with the next row. Problems of the file (its header, its size, its
/// number of rows, a row so long that the rest of the file cannot be trusted, e.g. behind an unclosed quote) stop
/// the reader with <see cref="FileErrors"/>: the rows read before stay valid, so an importer keeps what it already
/// stored, and the same file (fixed or split) uploaded again continues without duplicates.
/// </para>
/// </summary>
public sealed class LeadCsvReader : IAsyncDisposable
{
    public const long MaxBytes = 100L * 1024 * 1024;
    public const int MaxRows = 200_000;
    public const int MaxColumns = 100;
    public const int MaxFieldBytes = 8 * 1024;
    public const int MaxRowBytes = 64 * 1024;

    /// <summary>The lead's columns (DESIGN §6 in snake_case); a vertical's own fields come as further columns named after the field.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "first_name", "last_name", "email", "phone", "street", "postal_code", "city", "country", "language", "need",
        "opt_in_at", "opt_in_ip", "user_agent", "source_url", "consent_text", "channels",
        "confirmation_sent_at", "confirmed_at", "confirmed_ip", "source_type", "partners", "trusted_form_cert_url", "jornaya_lead_id",
    ];

    /// <summary>A file publishers can start from: the header and one valid row.</summary>
    public static string Template =>
        string.Join(',', Columns) + "\n" +
        "Anna,Schmidt,anna.schmidt@example.de,+49 89 1234567,Leopoldstr. 1,80331,München,DE,de,\"Quote for a 10 kWp solar roof\"," +
        "2026-11-20T10:00:00Z,203.0.113.7,Mozilla/5.0,https://example.de/solar,\"I agree to be contacted by solar installers by email and phone about my request.\",email|phone," +
        "2026-11-20T10:00:05Z,2026-11-20T10:12:00Z,203.0.113.7,direct,,,\n";

    private static readonly Dictionary<string, int> ColumnIndex = Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

    private readonly GuardedStream stream;
    private readonly StreamReader text;
    private readonly SepReader? sep;
    private readonly int[] slots;          // per source column: index into Columns, or -1 - (index into fieldNames)
    private readonly string[] fieldNames;  // the vertical fields the header names
    private readonly List<FieldError> fileErrors = [];
    private int dataRows;
    private bool stopped;

    private LeadCsvReader(GuardedStream stream, StreamReader text, SepReader? sep, IReadOnlyList<string> sourceColumns, char separator,
        int[] slots, string[] fieldNames, List<FieldError> errors)
    {
        this.stream = stream;
        this.text = text;
        this.sep = sep;
        SourceColumns = sourceColumns;
        Separator = separator;
        this.slots = slots;
        this.fieldNames = fieldNames;
        fileErrors.AddRange(errors);
        stopped = errors.Count > 0;
    }

    /// <summary>The header's column names as the file has them.</summary>
    public IReadOnlyList<string> SourceColumns { get; }

    /// <summary>The header line (column names only), in the file's own separator.</summary>
    public string HeaderLine => string.Join(Separator, SourceColumns.Select(c => Quote(c, Separator)));

    public char Separator { get; }

    /// <summary>Problems of the file as a whole (row 0, or the row where reading stopped); reading ends with the first.</summary>
    public IReadOnlyList<FieldError> FileErrors => fileErrors;

    /// <summary>Bytes of the file consumed so far (for progress).</summary>
    public long BytesRead => stream.BytesRead;

    /// <summary>Data rows read so far (empty lines not counted).</summary>
    public int RowsRead => dataRows;

    /// <summary>
    /// Opens a file and reads its header. Columns are mapped by <paramref name="mapping"/> first, then by our own
    /// names (case-insensitive); a column that is neither ours nor one of <paramref name="verticalFields"/> is a file error.
    /// </summary>
    public static async Task<LeadCsvReader> OpenAsync(Stream csv, IReadOnlyCollection<string> verticalFields, CsvHeaderMapping? mapping, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(verticalFields);
        var (stream, text, sep, errors) = await StartAsync(csv, ct);
        if (sep is null)
        {
            return new LeadCsvReader(stream, text, null, [], ',', [], [], errors);
        }

        var columns = sep.Header.ColNames.ToArray();
        var separator = sep.Spec.Sep.Separator;
        var map = MapColumns(columns, verticalFields, mapping, out var fieldNames);
        errors.AddRange(map.Errors);
        return new LeadCsvReader(stream, text, sep, columns, separator, map.Slots, fieldNames, errors);
    }

    /// <summary>Only the header of a file: its columns, and the file's problem when it has no usable header.</summary>
    public static async Task<(IReadOnlyList<string> Columns, IReadOnlyList<FieldError> Errors)> ReadHeaderAsync(Stream csv, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var (stream, text, sep, errors) = await StartAsync(csv, ct);
        try
        {
            return (sep is null ? [] : sep.Header.ColNames.ToArray(), errors);
        }
        finally
        {
            sep?.Dispose();
            text.Dispose();
            await stream.DisposeAsync();
        }
    }

    /// <summary>The header's columns that neither the mapping nor our own names resolve (what a mapping step asks about).</summary>
    public static IReadOnlyList<string> Unmapped(IReadOnlyList<string> columns, IReadOnlyCollection<string> verticalFields, CsvHeaderMapping? mapping)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var fields = new HashSet<string>(verticalFields, StringComparer.OrdinalIgnoreCase);
        return [.. columns.Where(c => Resolve(c, mapping, fields) is null)];
    }

    /// <summary>Our field name a publisher's column resolves to: its mapping, else our own name; null when neither.</summary>
    private static string? Resolve(string column, CsvHeaderMapping? mapping, HashSet<string> verticalFields)
    {
        var target = (mapping?.Target(column) ?? column).Trim().ToLowerInvariant();
        if (target.StartsWith("fields.", StringComparison.Ordinal))
        {
            target = target["fields.".Length..];
            return verticalFields.Contains(target) ? "fields." + target : null;
        }

        return ColumnIndex.ContainsKey(target) ? target : verticalFields.Contains(target) ? "fields." + target : null;
    }

    private static (int[] Slots, List<FieldError> Errors) MapColumns(string[] columns, IReadOnlyCollection<string> verticalFields, CsvHeaderMapping? mapping, out string[] fieldNames)
    {
        var errors = new List<FieldError>();
        var fields = new HashSet<string>(verticalFields, StringComparer.OrdinalIgnoreCase);
        var canonical = verticalFields.ToDictionary(f => f, f => f, StringComparer.OrdinalIgnoreCase);
        var slots = new int[columns.Length];
        var names = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        for (var i = 0; i < columns.Length; i++)
        {
            var target = Resolve(columns[i], mapping, fields);
            if (target is null)
            {
                unknown.Add(columns[i].Trim().Length == 0 ? $"(column {i + 1} has no name)" : columns[i].Trim());
                slots[i] = int.MinValue;
                continue;
            }

            if (!taken.Add(target))
            {
                errors.Add(new FieldError(1, target.StartsWith("fields.", StringComparison.Ordinal) ? target : target, FieldErrorCodes.InvalidValue,
                    $"Two columns of the header are read as '{target}'; keep one."));
                slots[i] = int.MinValue;
                continue;
            }

            if (target.StartsWith("fields.", StringComparison.Ordinal))
            {
                names.Add(canonical[target["fields.".Length..]]);
                slots[i] = -names.Count;
            }
            else
            {
                slots[i] = ColumnIndex[target];
            }
        }

        if (unknown.Count > 0)
        {
            var known = Columns.Concat(verticalFields.Order(StringComparer.Ordinal));
            errors.Add(new FieldError(1, "header", FieldErrorCodes.InvalidValue,
                $"Unknown column{(unknown.Count == 1 ? "" : "s")}: {Shorten(string.Join(", ", unknown), 1000)}. Known columns: {string.Join(", ", known)}. Map your columns to these names, or remove the others."));
        }

        fieldNames = [.. names];
        return (slots, errors);
    }

    private static async Task<(GuardedStream Stream, StreamReader Text, SepReader? Sep, List<FieldError> Errors)> StartAsync(Stream csv, CancellationToken ct)
    {
        var stream = new GuardedStream(csv);
        var errors = new List<FieldError>();
        var encoding = await stream.SkipByteOrderMarkAsync(ct);
        // Invalid bytes become U+FFFD here and are then reported per row (a row holding U+FFFD is rejected, never imported).
        var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024);
        if (encoding is not null)
        {
            errors.Add(new FieldError(0, "file", FieldErrorCodes.InvalidValue, $"The file is {encoding}; save it as UTF-8 (with or without byte order mark)."));
            return (stream, text, null, errors);
        }

        SepReader? sep = null;
        try
        {
            sep = await Sep.Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true, ColNameComparer = StringComparer.Ordinal })
                .FromAsync(text, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not IOException)
        {
            sep?.Dispose();
            sep = null;
        }

        if (stream.Stop is { } stop)
        {
            sep?.Dispose();
            errors.Add(stop.Reason == StopReason.TooLarge
                ? new FieldError(0, "file", FieldErrorCodes.InvalidValue, $"The file is larger than {MaxBytes / (1024 * 1024)} MB; split it into smaller files.")
                : new FieldError(1, "header", FieldErrorCodes.InvalidValue, $"The header row is longer than {MaxRowBytes / 1024} KB."));
            return (stream, text, null, errors);
        }

        if (sep is null || sep.Header.ColNames.Count == 0 || sep.Header.ColNames.All(c => c.Trim().Length == 0))
        {
            sep?.Dispose();
            errors.Add(new FieldError(0, "file", FieldErrorCodes.MissingField,
                sep is null ? "The header row could not be read (are two columns named alike?)." : "The file is empty; the first line must be a header row with the column names."));
            return (stream, text, null, errors);
        }

        var header = sep.Header.ColNames;
        if (sep.Spec.Sep.Separator is not (',' or ';') && header.Count > 1)
        {
            sep.Dispose();
            errors.Add(new FieldError(1, "header", FieldErrorCodes.InvalidValue, "Separate the columns with commas or semicolons."));
            return (stream, text, null, errors);
        }

        if (header.Count > MaxColumns)
        {
            sep.Dispose();
            errors.Add(new FieldError(1, "header", FieldErrorCodes.InvalidValue, $"The header has {header.Count} columns; at most {MaxColumns} are read."));
            return (stream, text, null, errors);
        }

        if (header.Any(c => c.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            sep.Dispose();
            errors.Add(new FieldError(1, "header", FieldErrorCodes.InvalidValue, "The header holds bytes that are not valid UTF-8; save the file as UTF-8."));
            return (stream, text, null, errors);
        }

        return (stream, text, sep, errors);
    }

    /// <summary>The next data row, or null at the end of the file or when reading stopped (see <see cref="FileErrors"/>).</summary>
    public async ValueTask<CsvRow?> ReadAsync(CancellationToken ct)
    {
        while (!stopped && sep is not null)
        {
            bool more;
            try
            {
                more = await sep.MoveNextAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException and not IOException)
            {
                Stop(new FieldError(0, "file", FieldErrorCodes.InvalidValue, "The rest of the file could not be read as CSV."));
                return null;
            }

            if (!more)
            {
                if (stream.Stop is { } cut)
                {
                    Stop(Cut(cut));
                }

                stopped = true;
                return null;
            }

            var row = Take(sep, out var recordIndex);
            if (stream.Stop is { } stop && recordIndex >= stop.Record)
            {
                // The record the guard cut off (and anything Sep made of its remains) is not a row.
                Stop(Cut(stop));
                return null;
            }

            if (row is null)
            {
                continue; // an empty line
            }

            if (++dataRows > MaxRows)
            {
                dataRows--;
                Stop(new FieldError(row.Row, "file", FieldErrorCodes.InvalidValue,
                    $"The file has more than {MaxRows} rows; the rows up to line {row.Row - 1} were read. Put the rest into a file of its own."));
                return null;
            }

            return row;
        }

        return null;
    }

    private void Stop(FieldError error)
    {
        fileErrors.Add(error);
        stopped = true;
    }

    private static FieldError Cut(GuardStop stop) => stop.Reason == StopReason.TooLarge
        ? new FieldError(stop.Line, "file", FieldErrorCodes.InvalidValue,
            $"The file is larger than {MaxBytes / (1024 * 1024)} MB; it was read up to line {stop.Line - 1}. Put the rest into a file of its own.")
        : new FieldError(stop.Line, "row", FieldErrorCodes.InvalidValue,
            $"The row starting on line {stop.Line} is longer than {MaxRowBytes / 1024} KB (is a quote not closed?); the file was read up to the line before it.");

    private CsvRow? Take(SepReader reader, out int recordIndex)
    {
        var row = reader.Current;
        recordIndex = row.RowIndex;
        var raw = row.Span;
        var line = row.LineNumberFrom;
        if (row.ColCount == 1 && raw.Trim().IsEmpty)
        {
            return null;
        }

        var original = raw.ToString();
        var errors = new List<FieldError>(1);
        if (!QuotesWellFormed(raw, Separator))
        {
            errors.Add(new FieldError(line, "row", FieldErrorCodes.InvalidValue,
                "The row's quotes are broken: a quoted field must start and end with a quote, and a quote inside it must be doubled (\"\")."));
            return new CsvRow(line, original, null, errors);
        }

        if (row.ColCount != slots.Length)
        {
            errors.Add(new FieldError(line, "row", FieldErrorCodes.InvalidValue, $"The row has {row.ColCount} fields; the header has {slots.Length}."));
            return new CsvRow(line, original, null, errors);
        }

        var values = new string[Columns.Count];
        Dictionary<string, string>? fields = null;
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            if (slot == int.MinValue)
            {
                continue;
            }

            var span = row[i].Span;
            var name = slot >= 0 ? Columns[slot] : "fields." + fieldNames[-slot - 1];
            if (span.Length > MaxFieldBytes / 4 && Encoding.UTF8.GetByteCount(span) > MaxFieldBytes)
            {
                errors.Add(new FieldError(line, name, FieldErrorCodes.InvalidValue, $"Is longer than {MaxFieldBytes / 1024} KB."));
                continue;
            }

            if (span.Contains('\uFFFD'))
            {
                errors.Add(new FieldError(line, name, FieldErrorCodes.InvalidValue,
                    "Holds bytes that are not valid UTF-8 (was the file saved in another encoding, e.g. Latin-1 or Windows-1252?); save it as UTF-8."));
                continue;
            }

            var value = span.ToString();
            if (slot >= 0)
            {
                values[slot] = value;
            }
            else
            {
                (fields ??= new Dictionary<string, string>(StringComparer.Ordinal))[fieldNames[-slot - 1]] = value;
            }
        }

        if (errors.Count > 0)
        {
            return new CsvRow(line, original, null, errors);
        }

        return new CsvRow(line, original, Submission(values, fields), []);
    }

    private static LeadSubmission Submission(string[] v, Dictionary<string, string>? fields)
    {
        string At(string column) => v[ColumnIndex[column]] ?? "";
        return new LeadSubmission
        {
            FirstName = At("first_name"),
            LastName = At("last_name"),
            Email = At("email"),
            Phone = At("phone"),
            Street = At("street"),
            PostalCode = At("postal_code"),
            City = At("city"),
            Country = At("country"),
            Language = At("language"),
            Need = At("need"),
            Fields = fields ?? new Dictionary<string, string>(),
            OptInAt = At("opt_in_at"),
            OptInIp = At("opt_in_ip"),
            UserAgent = At("user_agent"),
            SourceUrl = At("source_url"),
            ConsentText = At("consent_text"),
            Channels = List(At("channels")),
            ConfirmationSentAt = At("confirmation_sent_at"),
            ConfirmedAt = At("confirmed_at"),
            ConfirmedIp = At("confirmed_ip"),
            SourceType = At("source_type"),
            Partners = List(At("partners")),
            TrustedFormCertUrl = At("trusted_form_cert_url"),
            JornayaLeadId = At("jornaya_lead_id"),
        };
    }

    /// <summary>A <c>|</c>-separated list of a CSV cell.</summary>
    public static IReadOnlyList<string> List(string value) =>
        value.Length == 0 ? [] : value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>RFC 4180: a field is either unquoted without any quote, or wholly quoted with inner quotes doubled.</summary>
    internal static bool QuotesWellFormed(ReadOnlySpan<char> raw, char separator)
    {
        var i = 0;
        while (true)
        {
            if (i < raw.Length && raw[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= raw.Length)
                    {
                        return false;
                    }

                    if (raw[i] == '"')
                    {
                        if (i + 1 < raw.Length && raw[i + 1] == '"')
                        {
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    i++;
                }

                if (i == raw.Length || (raw[i] == '\r' && i + 1 == raw.Length))
                {
                    return true;
                }

                if (raw[i] != separator)
                {
                    return false;
                }

                i++;
            }
            else
            {
                while (i < raw.Length && raw[i] != separator)
                {
                    if (raw[i] == '"')
                    {
                        return false;
                    }

                    i++;
                }

                if (i == raw.Length)
                {
                    return true;
                }

                i++;
            }
        }
    }

    private static string Quote(string value, char separator) =>
        value.Contains('"') || value.Contains(separator) || value.Contains('\n') || value.Contains('\r') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static string Shorten(string value, int max) => value.Length <= max ? value : value[..max] + "…";

    public async ValueTask DisposeAsync()
    {
        sep?.Dispose();
        text.Dispose();
        await stream.DisposeAsync();
    }

    private enum StopReason
    {
        TooLarge,
        RowTooLong,
    }

    private sealed record GuardStop(StopReason Reason, int Record, int Line);

    /// <summary>
    /// Passes the upload's bytes through while bounding them: at most <see cref="MaxBytes"/> in all and
    /// <see cref="MaxRowBytes"/> per record (quotes tracked, so a record may span lines). Beyond a bound it ends the
    /// stream at the start of the offending record and says where (<see cref="Stop"/>), so the parser never buffers an
    /// unbounded row. It does not own the inner stream.
    /// </summary>
    private sealed class GuardedStream(Stream inner) : Stream
    {
        private byte[]? pending;
        private int pendingOffset;
        private int recordBytes;
        private int record;
        private int line = 1;
        private int recordLine = 1;
        private bool inQuotes;

        public GuardStop? Stop { get; private set; }

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        /// <summary>Reads past a UTF-8 byte order mark; answers the encoding's name when the file starts with a UTF-16 or UTF-32 one.</summary>
        public async Task<string?> SkipByteOrderMarkAsync(CancellationToken ct)
        {
            var start = new byte[4];
            var n = 0;
            while (n < start.Length)
            {
                var read = await inner.ReadAsync(start.AsMemory(n), ct);
                if (read == 0)
                {
                    break;
                }

                n += read;
            }

            BytesRead = n;
            var head = start.AsSpan(0, n);
            if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
            {
                return "UTF-32";
            }

            if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                return "UTF-16";
            }

            var skip = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            pending = start[skip..n];
            return null;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Stop is not null || buffer.IsEmpty)
            {
                return 0;
            }

            if (pending is not null && pendingOffset < pending.Length)
            {
                var n = Math.Min(buffer.Length, pending.Length - pendingOffset);
                pending.AsSpan(pendingOffset, n).CopyTo(buffer.Span);
                pendingOffset += n;
                return Scan(buffer.Span[..n]);
            }

            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return Scan(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Stop is not null || count == 0)
            {
                return 0;
            }

            if (pending is not null && pendingOffset < pending.Length)
            {
                var n = Math.Min(count, pending.Length - pendingOffset);
                pending.AsSpan(pendingOffset, n).CopyTo(buffer.AsSpan(offset));
                pendingOffset += n;
                return Scan(buffer.AsSpan(offset, n));
            }

            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return Scan(buffer.AsSpan(offset, read));
        }

        /// <summary>Counts records and their sizes; answers how many of the bytes may pass.</summary>
        private int Scan(Span<byte> bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (BytesRead - bytes.Length + i >= MaxBytes)
                {
                    Stop = new GuardStop(StopReason.TooLarge, record, recordLine);
                    return i;
                }

                var b = bytes[i];
                if (b == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                else if (b == (byte)'\n')
                {
                    line++;
                    if (!inQuotes)
                    {
                        record++;
                        recordLine = line;
                        recordBytes = 0;
                        continue;
                    }
                }

                if (++recordBytes > MaxRowBytes)
                {
                    Stop = new GuardStop(StopReason.RowTooLong, record, recordLine);
                    return i;
                }
            }

            return bytes.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
