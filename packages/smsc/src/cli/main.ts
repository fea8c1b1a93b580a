console.log("smsc");
