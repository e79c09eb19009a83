namespace LeadMarket.Domain.Intake;

/// <summary>
/// The authenticity step of the pre-ping, on normalized values:
/// <list type="bullet">
/// <item><c>disposable_email</c>: the email's domain is on the list of disposable mail services of npm
/// disposable-email-domains 1.0.62 (embedded, Intake/Data/NOTICE.md), or a subdomain of one of its wildcard domains.</item>
/// <item><c>fake_value</c> for an email: a placeholder local part (<see cref="PlaceholderWords"/>, with or without
/// trailing digits, or one character repeated) or a placeholder domain (<see cref="PlaceholderDomains"/> and their
/// subdomains, the reserved top-level domains .test, .example, .invalid, .localhost, .local).</item>
/// <item><c>fake_value</c> for a phone: its digits one digit repeated, a run such as 0123456789 or 9876543210, or a
/// national number whose last seven digits are one digit repeated or a run up or down.</item>
/// <item><c>fake_value</c> for a name: a placeholder word (<see cref="PlaceholderWords"/>), a placeholder person
/// (<see cref="PlaceholderPersons"/>, such as Max Mustermann), one letter repeated, no letter at all or a digit in it,
/// or a row of the keyboard (QWERTZ or QWERTY: the whole name four or more keys from a row's start, or six
/// neighbouring keys anywhere).</item>
/// </list>
/// </summary>
public static class Authenticity
{
    /// <summary>Words no person is called and no mailbox of a person is named (compared in lower case).</summary>
    public static readonly IReadOnlyList<string> PlaceholderWords =
    [
        "test", "tester", "testing", "testtest", "fake", "dummy", "asdf", "qwertz", "qwerty", "foo", "bar", "foobar", "xxx",
        "muster", "mustermann", "musterfrau", "beispiel", "example", "sample", "none", "keine", "keiner", "nobody", "niemand",
        "null", "undefined", "unknown", "unbekannt", "noreply", "no-reply", "donotreply", "abc", "abcd", "abcdef",
    ];

    /// <summary>Domains of no one's mailbox.</summary>
    public static readonly IReadOnlyList<string> PlaceholderDomains =
    [
        "example.com", "example.net", "example.org", "example.de", "example.at", "example.ch", "beispiel.de", "muster.de",
        "mustermann.de", "test.de", "test.com", "test.at", "test.ch", "test.net", "test.org", "fake.de", "fake.com",
        "domain.de", "domain.com", "localhost",
    ];

    /// <summary>Names of no one: first name and last name together (lower case).</summary>
    public static readonly IReadOnlyList<(string First, string Last)> PlaceholderPersons =
    [
        ("max", "mustermann"), ("erika", "mustermann"), ("maxi", "musterfrau"), ("hans", "muster"), ("max", "muster"),
        ("john", "doe"), ("jane", "doe"), ("john", "smith"), ("otto", "normalverbraucher"), ("lieschen", "müller"),
    ];

    private static readonly string[] ReservedTopLevel = ["test", "example", "invalid", "localhost", "local"];

    private static readonly string[] KeyboardRows = ["qwertzuiopü", "asdfghjklöä", "yxcvbnm", "qwertyuiop", "zxcvbnm"];

    private static readonly string[] DigitRuns = ["0123456789", "1234567890", "9876543210", "0987654321"];

    private static readonly Lazy<HashSet<string>> Disposable = new(() => Domains("disposable-email-domains.txt"));

    private static readonly Lazy<HashSet<string>> DisposableWildcards = new(() => Domains("disposable-email-wildcards.txt"));

    /// <summary>The problems of a lead's normalized values; <paramref name="email"/> and <paramref name="phone"/> null when they did not normalize.</summary>
    /// <param name="rawPhone">The phone as sent, for numbers that did not normalize but are fake on their face (0123456789).</param>
    public static IReadOnlyList<FieldError> Check(string firstName, string lastName, string? email, string? phone, string rawPhone, int row)
    {
        ArgumentNullException.ThrowIfNull(firstName);
        ArgumentNullException.ThrowIfNull(lastName);
        var errors = new List<FieldError>();
        if (IsPlaceholderName(firstName) || IsPlaceholderPerson(firstName, lastName))
        {
            errors.Add(new FieldError(row, "first_name", FieldErrorCodes.FakeValue, "Is a placeholder, not a person's name."));
        }

        if (IsPlaceholderName(lastName))
        {
            errors.Add(new FieldError(row, "last_name", FieldErrorCodes.FakeValue, "Is a placeholder, not a person's name."));
        }

        if (email is not null)
        {
            if (IsDisposableEmail(email))
            {
                errors.Add(new FieldError(row, "email", FieldErrorCodes.DisposableEmail, "Belongs to a disposable (throwaway) mail service."));
            }
            else if (IsPlaceholderEmail(email))
            {
                errors.Add(new FieldError(row, "email", FieldErrorCodes.FakeValue, "Is a placeholder address, not a person's mailbox."));
            }
        }

        if (phone is not null ? IsFakePhone(phone) : IsFakeDigits(rawPhone ?? ""))
        {
            errors.Add(new FieldError(row, "phone", FieldErrorCodes.FakeValue, "Is a placeholder number (one digit repeated or digits counting up or down)."));
        }

        return errors;
    }

    /// <summary>True when the (normalized) address's domain is a disposable mail service's.</summary>
    public static bool IsDisposableEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var domain = Domain(email);
        if (domain.Length == 0)
        {
            return false;
        }

        if (Disposable.Value.Contains(domain))
        {
            return true;
        }

        for (var dot = domain.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = domain.IndexOf('.', dot + 1))
        {
            if (DisposableWildcards.Value.Contains(domain[(dot + 1)..]))
            {
                return true;
            }
        }

        return DisposableWildcards.Value.Contains(domain);
    }

    public static bool IsPlaceholderEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        var local = email[..at].ToLowerInvariant();
        var domain = Domain(email);
        var word = local.TrimEnd("0123456789".ToCharArray());
        return PlaceholderWords.Contains(word.Length > 0 ? word : local) || Repeated(local) || KeyboardRun(local)
            || PlaceholderDomains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal))
            || ReservedTopLevel.Any(t => domain == t || domain.EndsWith("." + t, StringComparison.Ordinal));
    }

    /// <summary>True for an E.164 number that is one digit repeated, counts up or down, or ends so in its last seven digits.</summary>
    public static bool IsFakePhone(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var national = ContactNormalization.NationalNumber(e164);
        if (IsFakeDigits(e164) || IsFakeDigits(national))
        {
            return true;
        }

        var tail = national.Length > 7 ? national[^7..] : national;
        return tail.Length == 7 && (Repeated(tail) || Run(tail, 1) || Run(tail, -1));
    }

    /// <summary>True when the digits of a value (anything else ignored) are one digit repeated (at least 5) or a run such as 0123456789.</summary>
    public static bool IsFakeDigits(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return (digits.Length >= 5 && Repeated(digits)) || (digits.Length >= 6 && DigitRuns.Any(r => r.Contains(digits, StringComparison.Ordinal)));
    }

    public static bool IsPlaceholderName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        if (lower.Length == 0)
        {
            return false;
        }

        var letters = new string(lower.Where(char.IsLetter).ToArray());
        return letters.Length == 0 || lower.Any(char.IsDigit) || PlaceholderWords.Contains(letters)
            || (letters.Length >= 2 && Repeated(letters)) || KeyboardRun(letters);
    }

    public static bool IsPlaceholderPerson(string firstName, string lastName)
    {
        ArgumentNullException.ThrowIfNull(firstName);
        ArgumentNullException.ThrowIfNull(lastName);
        var (first, last) = (firstName.Trim().ToLowerInvariant(), lastName.Trim().ToLowerInvariant());
        return PlaceholderPersons.Contains((first, last));
    }

    private static bool KeyboardRun(string letters)
    {
        foreach (var row in KeyboardRows)
        {
            if (letters.Length >= 4 && row.StartsWith(letters, StringComparison.Ordinal))
            {
                return true;
            }

            for (var i = 0; i + 6 <= row.Length; i++)
            {
                if (letters.AsSpan().Contains(row.AsSpan(i, 6), StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Repeated(string value) => value.Length > 1 && value.All(ch => ch == value[0]);

    private static bool Run(string digits, int step)
    {
        for (var i = 1; i < digits.Length; i++)
        {
            if ((digits[i - 1] - '0' + step + 10) % 10 != digits[i] - '0')
            {
                return false;
            }
        }

        return true;
    }

    private static string Domain(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 ? "" : email[(at + 1)..].ToLowerInvariant();
    }

    private static HashSet<string> Domains(string file)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ReferenceData.Lines(file))
        {
            set.Add(line.All(char.IsAscii) ? line.ToLowerInvariant() : ContactNormalization.AsciiDomain(line) ?? line.ToLowerInvariant());
        }

        return set;
    }
}
