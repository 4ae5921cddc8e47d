package io.bastion.threeds;

/** One EMV 3DS 2.2 message: every message names its type and version. */
public sealed interface ThreeDsMessage permits AReq, ARes, CReq, CRes, RReq, RRes, Erro {

    /** The only protocol version this implementation speaks. */
    String VERSION = "2.2.0";

    String messageType();

    String messageVersion();
}
