package io.bastion.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ISO 3166-1 country codes: 3-D Secure names the merchant's country by its numeric code ({@code 276}),
 * the cardholder's controls by the alpha-2 code ({@code DE}). The table comes from the iso-codes project.
 */
public final class CountryCodes {

    /** Pairs of a three-digit numeric code and its alpha-2 code, one after another. */
    private static final String TABLE = """
            004AF008AL010AQ012DZ016AS020AD024AO028AG031AZ032AR036AU040AT044BS048BH050BD051AM052BB056BE060BM064BT
            068BO070BA072BW074BV076BR084BZ086IO090SB092VG096BN100BG104MM108BI112BY116KH120CM124CA132CV136KY140CF
            144LK148TD152CL156CN158TW162CX166CC170CO174KM175YT178CG180CD184CK188CR191HR192CU196CY203CZ204BJ208DK
            212DM214DO218EC222SV226GQ231ET232ER233EE234FO238FK239GS242FJ246FI248AX250FR254GF258PF260TF262DJ266GA
            268GE270GM275PS276DE288GH292GI296KI300GR304GL308GD312GP316GU320GT324GN328GY332HT334HM336VA340HN344HK
            348HU352IS356IN360ID364IR368IQ372IE376IL380IT384CI388JM392JP398KZ400JO404KE408KP410KR414KW417KG418LA
            422LB426LS428LV430LR434LY438LI440LT442LU446MO450MG454MW458MY462MV466ML470MT474MQ478MR480MU484MX492MC
            496MN498MD499ME500MS504MA508MZ512OM516NA520NR524NP528NL531CW533AW534SX535BQ540NC548VU554NZ558NI562NE
            566NG570NU574NF578NO580MP581UM583FM584MH585PW586PK591PA598PG600PY604PE608PH612PN616PL620PT624GW626TL
            630PR634QA638RE642RO643RU646RW652BL654SH659KN660AI662LC663MF666PM670VC674SM678ST682SA686SN688RS690SC
            694SL702SG703SK704VN705SI706SO710ZA716ZW724ES728SS729SD732EH740SR744SJ748SZ752SE756CH760SY762TJ764TH
            768TG772TK776TO780TT784AE788TN792TR795TM796TC798TV800UG804UA807MK818EG826GB831GG832JE833IM834TZ840US
            850VI854BF858UY860UZ862VE876WF882WS887YE894ZM
            """;
    private static final Map<String, String> ALPHA2_BY_NUMERIC = parse();
    private static final Map<String, String> NUMERIC_BY_ALPHA2 = invert(ALPHA2_BY_NUMERIC);

    private CountryCodes() {
    }

    /** The alpha-2 code of a numeric one, or empty when ISO 3166-1 has no such country. */
    public static Optional<String> alpha2(String numeric) {
        return numeric == null ? Optional.empty() : Optional.ofNullable(ALPHA2_BY_NUMERIC.get(numeric));
    }

    /** The numeric code of an alpha-2 one, or empty when ISO 3166-1 has no such country. */
    public static Optional<String> numeric(String alpha2) {
        return alpha2 == null ? Optional.empty() : Optional.ofNullable(NUMERIC_BY_ALPHA2.get(alpha2));
    }

    private static Map<String, String> invert(Map<String, String> map) {
        Map<String, String> inverted = new HashMap<>();
        map.forEach((k, v) -> inverted.put(v, k));
        return Map.copyOf(inverted);
    }

    private static Map<String, String> parse() {
        String pairs = TABLE.replaceAll("\\s", "");
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 5 <= pairs.length(); i += 5) {
            map.put(pairs.substring(i, i + 3), pairs.substring(i + 3, i + 5));
        }
        return Map.copyOf(map);
    }
}
